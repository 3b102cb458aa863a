using System.Globalization;
using System.Text;

namespace GuardAlerts.Core.Text;

/// <summary>
/// Names a user or a file system chose (file and directory paths) made safe to print on a terminal, in stderr lines
/// and in JSON Lines: a file name may hold a line break (forging a second "file:line: error" line) or an ANSI escape
/// sequence (recolouring or rewriting what the terminal shows). Such characters are shown as escapes instead
/// (\n, \x1B, \u202E), everything else is kept, so the name stays recognisable and nothing is silently dropped.
/// </summary>
public static class DisplayText
{
    /// <summary><paramref name="name"/> with every control, line or paragraph separator, format (bidi, zero-width) or lone surrogate character escaped.</summary>
    public static string Name(string name)
    {
        if (!name.AsSpan().ContainsAnyExceptInRange(' ', '~'))
        {
            return name; // printable ASCII: the common case, unchanged
        }

        var builder = new StringBuilder(name.Length + 16);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                var rune = new Rune(c, name[i + 1]);
                if (Shown(rune.Value))
                {
                    builder.Append(c).Append(name[i + 1]);
                }
                else
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:X8}");
                }

                i++;
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x100 && !Shown(c) => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ when char.IsSurrogate(c) || !Shown(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static bool Shown(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) is not (UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate);
}
