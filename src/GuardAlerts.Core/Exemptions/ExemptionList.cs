using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Exemptions;

/// <summary>The exemption list: the first active exemption that matches an event applies.</summary>
public sealed class ExemptionList
{
    public ExemptionList(IReadOnlyList<Exemption> exemptions) => Exemptions = exemptions;

    /// <summary>An empty list.</summary>
    public static ExemptionList Empty { get; } = new([]);

    public IReadOnlyList<Exemption> Exemptions { get; }

    /// <summary>The first exemption that is active at <paramref name="now"/> and matches, or null.</summary>
    public Exemption? Find(SecurityEvent e, Actor actor, DateTimeOffset now)
    {
        foreach (var exemption in Exemptions)
        {
            if (exemption.IsActive(now) && Matches(exemption.Match, e, actor))
            {
                return exemption;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether every given field of <paramref name="match"/> matches the event and actor. A refused match never
    /// matches, and a GuardDuty finding is matched only by an exemption that names its finding types.
    /// </summary>
    public static bool Matches(ExemptionMatch match, SecurityEvent e, Actor actor)
    {
        // The loader refuses these; a list built in code skips the loader, so matching refuses them too.
        if (ExemptionMatchRules.IsRefused(match))
        {
            return false;
        }

        // A finding is about what was done with an identity, often stolen credentials: an exemption written for a
        // principal's routine API calls must not silence GuardDuty saying that principal's keys are used elsewhere.
        var kind = EventKinds.Of(e.Kind);
        var byFindingType = kind.ExemptionNameField == "findingTypes";
        if (kind.ExemptedOnlyByName && (byFindingType ? match.FindingTypes : match.EventNames) is null)
        {
            return false;
        }

        return Field(match.Accounts, e.Account)
            && Field(match.Regions, e.Region)
            && Field(match.EventNames, byFindingType ? null : e.Name)
            && Field(match.FindingTypes, byFindingType ? e.Name : null)
            && Field(match.PrincipalArns, actor.PrincipalArn)
            && Field(match.SessionNames, actor.SessionName)
            && SamlProvider(match.SamlProviders, actor.SamlProvider)
            && Field(match.UserAgents, actor.UserAgent)
            && SourceIp(match.SourceIps, actor.SourceIp);
    }

    private static bool Field(IReadOnlyList<string>? patterns, string? value) =>
        patterns is null || (value is not null && Glob.AnyMatch(patterns, value));

    private static bool SamlProvider(IReadOnlyList<string>? patterns, string? providerArn) =>
        patterns is null || (providerArn is not null
            && (Glob.AnyMatch(patterns, providerArn) || Glob.AnyMatch(patterns, ArnParts.LastSegment(providerArn))));

    private static bool SourceIp(IReadOnlyList<IpRange>? ranges, string? address)
    {
        if (ranges is null)
        {
            return true;
        }

        foreach (var range in ranges)
        {
            if (range.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
