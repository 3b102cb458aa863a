using GuardAlerts.Core.Network;

namespace GuardAlerts.Core.Exemptions;

/// <summary>
/// What an exemption's match may be. Every refusal closes a way to widen an exemption into a blind spot: a field that
/// matches everything, an identity that names nobody or anybody, a source address anyone can have, or an ARN that can
/// never match (so the owner believes something is exempted while it alerts, or "fixes" it by widening).
/// Validation and matching both apply these rules: a list built in code cannot skip them.
/// </summary>
public static class ExemptionMatchRules
{
    private static readonly (string Field, string Noun, Func<ExemptionMatch, IReadOnlyList<string>?> Values)[] NoMatchAll =
    [
        ("accounts", "account", m => m.Accounts),
        ("principalArns", "principal", m => m.PrincipalArns),
        ("eventNames", "CloudTrail event", m => m.EventNames),
        ("regions", "region", m => m.Regions),
        ("findingTypes", "GuardDuty finding type", m => m.FindingTypes),
    ];

    /// <summary>Every problem with <paramref name="match"/>: refusals, then warnings.</summary>
    public static IReadOnlyList<ExemptionProblem> Check(ExemptionMatch match)
    {
        var problems = new List<ExemptionProblem>();
        if (match.IsEmpty)
        {
            problems.Add(new ExemptionProblem("match", "names no field: an empty match would exempt every event"));
            return problems;
        }

        foreach (var (field, noun, values) in NoMatchAll)
        {
            if (values(match)?.FirstOrDefault(IsMatchAll) is { } all)
            {
                problems.Add(new ExemptionProblem("match." + field, $"'{all}' matches every {noun}: it narrows nothing; name them"));
            }
        }

        if (match.SourceIps is { } ips && InternetAddresses.CoveredBy(IpRangeSet.Of(ips)))
        {
            problems.Add(new ExemptionProblem("match.sourceIps",
                "the blocks together cover every internet address (IPv4 or IPv6): they narrow nothing; list the addresses the activity comes from"));
        }

        PrincipalArnProblems(match, problems);
        var identity = HasIdentity(match);
        if (!identity && (match.SessionNames is not null || match.UserAgents is not null))
        {
            problems.Add(new ExemptionProblem("match",
                "sessionNames and userAgents are chosen by the caller (anyone can name a session 'StaxHelper' or send a Terraform user agent): "
                + "use them only together with principalArns, accounts or samlProviders that name someone ('*' names nobody)"));
        }

        if (!identity && match.SourceIps is not null)
        {
            problems.Add(new ExemptionProblem("match.sourceIps",
                "a source address does not say who: behind a VPC endpoint or a NAT any caller has it, and private ranges are chosen by whoever "
                + "builds the network; use sourceIps only together with principalArns, accounts or samlProviders"));
        }

        if (identity && (match.SessionNames is not null || match.UserAgents is not null) && match.PrincipalArns is null && match.SamlProviders is null)
        {
            // Allowed by the contract (accounts is a trusted field), but every principal in those accounts can pick a
            // session name or user agent: say so, so the owner can narrow it with principalArns.
            problems.Add(new ExemptionProblem("match",
                "sessionNames/userAgents with accounts only: anyone in those accounts can choose them; add principalArns to name who", IsWarning: true));
        }

        return [.. problems.OrderBy(p => p.IsWarning)];
    }

    /// <summary>Whether validation refuses <paramref name="match"/>.</summary>
    public static bool IsRefused(ExemptionMatch match) => Check(match).Any(p => !p.IsWarning);

    /// <summary>
    /// Whether the match names who acted: principalArns, accounts or samlProviders, none of them a pattern that matches
    /// everything (principalArns ["*"] names nobody).
    /// </summary>
    public static bool HasIdentity(ExemptionMatch match) =>
        Names(match.PrincipalArns) || Names(match.Accounts) || Names(match.SamlProviders);

    /// <summary>A pattern with no letter or digit but a '*' ("*", "**", "*-*", "*:*/*") matches every value of its field.</summary>
    internal static bool IsMatchAll(string pattern) =>
        pattern.Contains('*', StringComparison.Ordinal) && !pattern.Any(char.IsLetterOrDigit);

    private static bool Names(IReadOnlyList<string>? patterns) => patterns is { Count: > 0 } && !patterns.Any(IsMatchAll);

    private static void PrincipalArnProblems(ExemptionMatch match, List<ExemptionProblem> problems)
    {
        var accountsPinned = match.Accounts is { Count: > 0 } accounts && !accounts.Any(a => a.Contains('*', StringComparison.Ordinal));
        foreach (var arn in match.PrincipalArns ?? [])
        {
            if (IsMatchAll(arn))
            {
                continue;
            }

            var parts = arn.Split(':', 6);
            if (parts.Length == 6 && parts[2].Equals("sts", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new ExemptionProblem("match.principalArns", SessionArnMessage(arn, parts)));
                continue;
            }

            // A '*' anywhere before the resource can stand for the account (it also matches ':'), so the pattern
            // matches a same-named role or user in any account, including ones you do not own.
            var wildAccount = parts.Length < 6 || parts.Take(5).Any(p => p.Contains('*', StringComparison.Ordinal));
            if (wildAccount && !accountsPinned)
            {
                problems.Add(new ExemptionProblem("match.principalArns",
                    $"the account part of '{arn}' is a wildcard (or missing): it matches a same-named principal in any account, including ones you do not own; "
                    + "write the account id, or pin accounts"));
            }
            else if (wildAccount)
            {
                problems.Add(new ExemptionProblem("match.principalArns",
                    $"the account part of '{arn}' is a wildcard: in the pinned accounts it also matches a same-named principal of another account acting there", IsWarning: true));
            }
        }
    }

    private static string SessionArnMessage(string arn, string[] parts)
    {
        var resource = parts[5].Split('/');
        return resource is ["assumed-role", var role, ..]
            ? $"'{arn}' is a role session ARN, which never matches: exemptions match the role a session came from; use arn:{parts[1]}:iam::{parts[4]}:role/{role} "
              + "(with sessionNames to narrow it to a session)"
            : $"'{arn}' is an STS session ARN, which never matches: exemptions match the IAM user or role the session came from";
    }
}
