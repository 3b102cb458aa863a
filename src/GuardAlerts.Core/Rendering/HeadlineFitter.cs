using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// Fits a one-line headline (subject, SMS) into its limit without cutting an identifier in half: a half account id
/// or role name reads as another one. When the whole line does not fit, the least useful parts go first: the session
/// name, then the region, then the actor's name; the caller's other account is never dropped (it is what makes a
/// cross-account call stand out), and only the title, which is prose, is ever shortened.
/// </summary>
internal static class HeadlineFitter
{
    /// <summary>What the format is given: the title, whether to show the region, and the actor text (null: none).</summary>
    public delegate string Format(string title, bool withRegion, string? who);

    /// <summary>The first arrangement that fits <paramref name="max"/> printable ASCII characters.</summary>
    public static string Fit(int max, string title, Actor actor, string? eventAccount, Format format)
    {
        var other = actor.OtherAccount(eventAccount) is { } account ? "from account " + account : null;
        var name = Join(actor.Name, other);
        var shortName = Join(ShortName(actor.Name), other);
        ReadOnlySpan<(bool Region, string? Who)> arrangements = [(true, name), (true, shortName), (false, shortName), (true, other), (false, other)];
        foreach (var (region, who) in arrangements)
        {
            var text = TextSanitizer.ToPrintableAscii(format(title, region, who), int.MaxValue);
            if (text.Length <= max)
            {
                return text;
            }
        }

        var bare = TextSanitizer.ToPrintableAscii(format("", false, other), int.MaxValue);
        return TextSanitizer.ToPrintableAscii(format(ShortenProse(TextSanitizer.ToPrintableAscii(title, int.MaxValue), max - bare.Length), false, other), max);
    }

    /// <summary>
    /// The name without its trailing detail in parentheses: "role Admin (session alice)" becomes "role Admin", "remote
    /// host 192.0.2.1 (Germany)" becomes "remote host 192.0.2.1"; the identifier before it is what matters most.
    /// </summary>
    private static string ShortName(string name)
    {
        var detail = name.EndsWith(')') ? name.LastIndexOf(" (", StringComparison.Ordinal) : -1;
        return detail > 0 ? name[..detail] : name;
    }

    private static string? Join(string name, string? other) =>
        other is null || name.Contains(other[^12..], StringComparison.Ordinal) ? name : name + " " + other;

    /// <summary>Prose cut at a word boundary with "..." (identifiers are never passed here).</summary>
    private static string ShortenProse(string text, int room)
    {
        if (text.Length <= room)
        {
            return text;
        }

        if (room <= 3)
        {
            return "";
        }

        var cut = text.LastIndexOf(' ', room - 3);
        return string.Concat(text.AsSpan(0, cut > 0 ? cut : room - 3).TrimEnd(), "...");
    }
}
