using System.Text;

namespace GuardAlerts.Core.Text;

/// <summary>
/// Makes text that came from an event (user names, session names, user agents: attacker-controlled) safe to put in
/// a subject, an SMS, a log line or an email body: no line breaks where they could forge headers or log lines, no
/// control characters, no bidirectional overrides that reorder what a reader sees, bounded length.
/// </summary>
public static class TextSanitizer
{
    /// <summary>Printable ASCII only (0x20-0x7E), whitespace collapsed, at most <paramref name="maxLength"/> characters.</summary>
    public static string ToPrintableAscii(string? text, int maxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (IsPlainLine(text))
        {
            // Nothing to replace or collapse (subjects, SMS, names and regions usually): the loop below would copy it,
            // cut at maxLength and trim the space the cut may leave at the end.
            return text.Length <= maxLength ? text : text.AsSpan(0, maxLength).TrimEnd(' ').ToString();
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength));
        var lastWasSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= maxLength)
            {
                break;
            }

            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                if (!lastWasSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            if (IsInvisible(rune))
            {
                continue;
            }

            builder.Append(rune.Value is >= 0x21 and <= 0x7E ? (char)rune.Value : '?');
            lastWasSpace = false;
        }

        return Truncate(builder.ToString().Trim(), maxLength);
    }

    /// <summary>
    /// One line of readable Unicode: controls and line breaks become spaces, invisible and bidi-control characters
    /// are dropped, invalid UTF-16 is replaced, and the result is cut at <paramref name="maxLength"/> with "...".
    /// </summary>
    public static string ToSingleLine(string? text, int maxLength = 512)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= maxLength && IsPlainLine(text))
        {
            return text; // nothing to change: the common case, and no allocation
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 8));
        var lastWasSpace = false;
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length > maxLength + 4)
            {
                break;
            }

            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            if (IsInvisible(rune))
            {
                continue;
            }

            builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            lastWasSpace = false;
        }

        return Truncate(builder.ToString().Trim(), maxLength);
    }

    /// <summary>Printable ASCII with single spaces inside: what <see cref="ToSingleLine"/> and <see cref="ToPrintableAscii"/> return unchanged (up to their length limit).</summary>
    private static bool IsPlainLine(string text) =>
        text[0] != ' ' && text[^1] != ' ' && !text.AsSpan().ContainsAnyExceptInRange(' ', '~') && !text.Contains("  ", StringComparison.Ordinal);

    /// <summary>Cuts to <paramref name="maxLength"/> characters, ending in "..." when cut, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = Math.Max(0, maxLength - 3);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "...");
    }

    private static bool IsInvisible(Rune rune) => rune.Value switch
    {
        // Bidi marks, embeddings, overrides and isolates: they make "gpj.exe" read as "exe.jpg".
        0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) => true,
        // Zero-width characters and the BOM hide text; U+FFFD stays visible on purpose.
        (>= 0x200B and <= 0x200D) or 0x2060 or 0xFEFF => true,
        _ => Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse,
    };
}
