using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// Fits a one-line headline (subject, SMS) into its limit without cutting a word or an identifier in half: a half
/// account id, port list or role name reads as another one. When the whole line does not fit, the least useful parts
/// go first, each leaving "..." (or "+N" for values of a list) where it was: the session name, then the region, then
/// the actor's name, then every value of a specific but the first, then the last specifics, then words of the title,
/// then the first specific. The caller's other account is never dropped (it is what makes a cross-account call stand
/// out), and only the title, which is prose, is ever shortened, at a space. The account's name, when there is one,
/// gives way first at each of these steps: it is shortened (never the id beside it), then left out, before the next
/// part is dropped; once a part has gone, the name is tried again.
/// </summary>
internal static class HeadlineFitter
{
    /// <summary>The mark left where a part was dropped.</summary>
    public const string Cut = "...";

    // The shortest title worth keeping beside the first specific: below it, the title stays and the specific goes.
    private const int MinTitle = 12;

    // The fewest characters of an account's name worth keeping (before the cut mark).
    private const int MinName = 3;

    /// <summary>
    /// What the format is given: the title (empty: none), the specifics (null: none), the account (its id, and its
    /// name in parentheses while it fits), the region (or the cut mark) and the actor (null: none).
    /// <see cref="Headline"/> puts title and specifics together.
    /// </summary>
    public delegate string Format(string title, string? specifics, string account, string region, string? who);

    /// <summary>The first arrangement that fits <paramref name="max"/> printable ASCII characters.</summary>
    public static string Fit(int max, string title, IReadOnlyList<SpecificText> specifics, Actor actor, string? eventAccount, string? accountName, string? region, Format format)
    {
        var id = eventAccount ?? "";
        var other = actor.OtherAccount(eventAccount) is { } account ? "from account " + account : null;
        var name = Join(actor.Name, other);
        var shortName = ShortName(actor.Name) is { } shortened ? Join(shortened, other) : name;
        // Without the actor, the region's cut mark ends the line and stands for both.
        var noName = other;
        var fullRegion = region ?? "unknown";
        var label = TextSanitizer.ToPrintableAscii(accountName, int.MaxValue) is { Length: > 0 } plain ? plain : null;
        foreach (var (spec, where, who) in Arrangements(specifics, name, shortName, noName, fullRegion))
        {
            if (label is not null && Named(max, title, spec, id, label, where, who, format) is { } named)
            {
                return named;
            }

            var text = TextSanitizer.ToPrintableAscii(format(title, spec, id, where, who), int.MaxValue);
            if (text.Length <= max)
            {
                return text;
            }
        }

        // The title is prose the reader knows from the first specific (a GuardDuty finding type says more than
        // "GuardDuty: unauthorized access"): it is shortened before that specific goes.
        var plainTitle = TextSanitizer.ToPrintableAscii(title, int.MaxValue);
        var first = Specifics(specifics, 1, firstOnly: true);
        // Measured with a one-letter title, so the separator between title and specifics counts too.
        var room = max - TextSanitizer.ToPrintableAscii(format("T", first, id, Cut, noName), int.MaxValue).Length + 1;
        if (first is not null && room >= MinTitle)
        {
            return TextSanitizer.ToPrintableAscii(format(ShortenProse(plainTitle, room), first, id, Cut, noName), max);
        }

        // A long finding type alone: the title (which it names more exactly) and the actor's mark give way to it.
        if (first is not null && TextSanitizer.ToPrintableAscii(format("", first, id, Cut, other), int.MaxValue) is { } bareSpecific && bareSpecific.Length <= max)
        {
            return bareSpecific;
        }

        var bare = TextSanitizer.ToPrintableAscii(format("T", first is null ? null : Cut, id, Cut, other), int.MaxValue).Length - 1;
        return TextSanitizer.ToPrintableAscii(format(ShortenProse(plainTitle, max - bare), first is null ? null : Cut, id, Cut, other), max);
    }

    /// <summary>
    /// The arrangement with "id (name)", the name shortened as far as needed but never below <see cref="MinName"/>
    /// characters; null when even that does not fit.
    /// </summary>
    private static string? Named(int max, string title, string? specifics, string id, string label, string region, string? who, Format format)
    {
        var whole = TextSanitizer.ToPrintableAscii(format(title, specifics, $"{id} ({label})", region, who), int.MaxValue);
        if (whole.Length <= max)
        {
            return whole;
        }

        var keep = label.Length - (whole.Length - max) - Cut.Length;
        return keep >= MinName && TextSanitizer.ToPrintableAscii(format(title, specifics, $"{id} ({label[..keep].TrimEnd()}{Cut})", region, who), int.MaxValue) is { } shortened
            && shortened.Length <= max ? shortened : null;
    }

    private static IEnumerable<(string? Specifics, string Region, string? Who)> Arrangements(
        IReadOnlyList<SpecificText> specifics, string name, string shortName, string? noName, string region)
    {
        var full = Specifics(specifics, specifics.Count, firstOnly: false);
        yield return (full, region, name);
        yield return (full, region, shortName);
        yield return (full, Cut, shortName);
        // What happened comes before who did it: the e-mail names the actor in full.
        yield return (full, Cut, noName);
        for (var keep = specifics.Count; keep >= 1; keep--)
        {
            yield return (Specifics(specifics, keep, firstOnly: true), Cut, noName);
        }
    }

    /// <summary>The first <paramref name="keep"/> specifics, and the cut mark for those dropped after them.</summary>
    private static string? Specifics(IReadOnlyList<SpecificText> specifics, int keep, bool firstOnly)
    {
        if (specifics.Count == 0)
        {
            return null;
        }

        var parts = specifics.Take(keep).Select(s => firstOnly ? s.FirstOnly : s.ToString());
        return string.Join(" ", keep < specifics.Count ? parts.Append(Cut) : parts);
    }

    /// <summary>
    /// The name without its trailing detail in parentheses, marked as cut: "role Admin (session alice)" becomes "role
    /// Admin (...)", "remote host 192.0.2.1 (Germany)" becomes "remote host 192.0.2.1 (...)"; null when there is none.
    /// </summary>
    private static string? ShortName(string name)
    {
        var detail = name.EndsWith(')') ? name.LastIndexOf(" (", StringComparison.Ordinal) : -1;
        return detail > 0 ? name[..detail] + " (" + Cut + ")" : null;
    }

    /// <summary>"title: specifics", or whichever of them is there.</summary>
    public static string Headline(string title, string? specifics) =>
        specifics is null ? title : title.Length == 0 ? specifics : title + ": " + specifics;

    private static string Join(string name, string? other) =>
        other is null || name.Contains(other[^12..], StringComparison.Ordinal) ? name : name + " " + other;

    /// <summary>Prose cut at a space with "..." (identifiers are never passed here); a single word too long for the room goes whole.</summary>
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
        return string.Concat(text.AsSpan(0, Math.Max(cut, 0)).TrimEnd(), Cut);
    }
}
