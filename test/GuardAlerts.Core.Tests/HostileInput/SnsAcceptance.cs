using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// What SNS (and a reader) accepts from us, as assertions: subject at most 100 printable ASCII characters starting
/// with a letter, digit or punctuation mark; SMS at most 140 characters; the whole message under 256 KB; no control
/// characters (beyond the email body's own line breaks) and no bidi or invisible characters anywhere.
/// </summary>
internal static class SnsAcceptance
{
    public const int MaxMessageBytes = 256 * 1024;

    /// <summary>Why SNS or a reader would not accept the alert, or null when it is fine.</summary>
    public static string? Problem(RenderedAlert alert)
    {
        var s = alert.Subject;
        if (s.Length is 0 or > 100)
        {
            return $"subject length {s.Length}";
        }

        if (s.Any(c => c is < (char)0x20 or > (char)0x7E))
        {
            return $"subject has a character outside printable ASCII: {Show(s)}";
        }

        if (!(char.IsLetterOrDigit(s[0]) || char.IsPunctuation(s[0])))
        {
            return $"subject starts with '{s[0]}'";
        }

        if (alert.Sms.Length > 140)
        {
            return $"SMS length {alert.Sms.Length}";
        }

        if (Unsafe(alert.Sms, allowLineBreaks: false) is { } sms)
        {
            return "SMS " + sms;
        }

        if (Unsafe(alert.EmailBody, allowLineBreaks: true) is { } email)
        {
            return "email " + email;
        }

        if (Unsafe(alert.DefaultBody, allowLineBreaks: true) is { } body)
        {
            return "default body " + body;
        }

        foreach (var (name, value) in alert.Attributes)
        {
            if (value.Length == 0 || value.Any(c => c is < (char)0x20 or > (char)0x7E))
            {
                return $"attribute {name} is not printable ASCII: {Show(value)}";
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(alert.MessageJson);
        if (bytes >= MaxMessageBytes)
        {
            return $"MessageJson is {bytes} bytes";
        }

        using var document = JsonDocument.Parse(alert.MessageJson);
        var root = document.RootElement;
        return root.GetProperty("sms").GetString() == alert.Sms && root.GetProperty("email").GetString() == alert.EmailBody
            ? null
            : "MessageJson does not carry the rendered SMS and email";
    }

    /// <summary>A control, bidi or invisible character in text a user may have written, or null.</summary>
    public static string? Unsafe(string? text, bool allowLineBreaks)
    {
        if (text is null)
        {
            return null;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (allowLineBreaks && rune.Value is '\r' or '\n')
            {
                continue;
            }

            if (Rune.IsControl(rune) || IsBidiOrInvisible(rune.Value))
            {
                return $"has U+{rune.Value:X4}: {Show(text)}";
            }
        }

        return null;
    }

    /// <summary>Whether some line of <paramref name="text"/> starts with <paramref name="marker"/>: a user's CR/LF became a line break.</summary>
    public static bool HasLineStartingWith(string text, string marker) =>
        text.Split('\n').Any(line => line.TrimStart('\r', ' ').StartsWith(marker, StringComparison.Ordinal));

    private static bool IsBidiOrInvisible(int c) =>
        c is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) or (>= 0x200B and <= 0x200D) or 0x2060 or 0xFEFF;

    private static string Show(string text) => text.Length > 120 ? text[..120] + "..." : text;
}
