namespace GuardAlerts.Core.Rendering;

/// <summary>
/// Keeps an SMS in one message part. A part holds 160 characters of the GSM 03.38 alphabet (GSM-7), but each of
/// <c>^ { } \ [ ] ~ |</c> takes two of those places (the escape to the extension table), and one character outside
/// the alphabet switches the whole text to UCS-2, where a part holds only 70. SNS splits a longer text into several
/// billed messages that may arrive out of order, so the alert's first line could come last.
/// </summary>
public static class SmsEncoding
{
    /// <summary>GSM-7 places in one SMS part.</summary>
    public const int MaxSeptets = 160;

    /// <summary>
    /// The text with the one printable ASCII character GSM-7 lacks (the backtick) written as an apostrophe, so that an
    /// identifier quoted with it cannot switch the message to UCS-2. Same length; nothing else changes.
    /// </summary>
    public static string ToGsm7(string printableAscii) => printableAscii.Replace('`', '\'');

    /// <summary>GSM-7 places the text takes; null when a character is not in the alphabet (the text would go as UCS-2).</summary>
    public static int? Septets(string text)
    {
        var septets = 0;
        foreach (var c in text)
        {
            if (c is '^' or '{' or '}' or '\\' or '[' or ']' or '~' or '|')
            {
                septets += 2;
            }
            else if (c is >= ' ' and < '\u007f' and not '`' || c is '\n' or '\r')
            {
                septets++;
            }
            else
            {
                return null;
            }
        }

        return septets;
    }
}
