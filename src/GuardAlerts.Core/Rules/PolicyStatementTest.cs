using System.Text.Json;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// What one statement of a policy must be, read the way IAM reads it; every test given must hold. Null or empty
/// means "not tested".
/// </summary>
/// <param name="Effect">"Allow" or "Deny": a Deny statement never grants anything.</param>
/// <param name="Actions">The statement allows one of these actions: an Action pattern matches it (IAM wildcards,
/// any case), or a NotAction list does not. "*" stands for every action: only an Action of "*" (or "*:*") covers it.</param>
/// <param name="Resources">The statement applies to one of these resources; "*" stands for every resource (a
/// Resource of "*", or a NotResource list).</param>
/// <param name="Principals">The statement's Principal names one of these kinds.</param>
/// <param name="UnlessConditionOn">Condition keys ('*' globs, any case) that restrict who the statement lets in: a
/// statement that pins one of them (a positive operator, not IfExists, Null or ForAllValues, with a value that is
/// not just '*') does not count.</param>
public sealed record PolicyStatementTest(
    string? Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Resources,
    IReadOnlyList<PolicyPrincipalKind> Principals,
    IReadOnlyList<string> UnlessConditionOn)
{
    /// <summary>Whether <paramref name="statement"/> passes every test; <paramref name="account"/> is the event's account.</summary>
    public bool Matches(JsonElement statement, string? account) =>
        (Effect is null || string.Equals(Text(statement, "Effect"), Effect, StringComparison.OrdinalIgnoreCase))
        && (Actions.Count == 0 || Actions.Any(a => AllowsAction(statement, a)))
        && (Resources.Count == 0 || Resources.Any(r => CoversResource(statement, r)))
        && (Principals.Count == 0 || PolicyPrincipals.Kinds(statement, account).Overlaps(Principals))
        && (UnlessConditionOn.Count == 0 || !PinsAny(statement, UnlessConditionOn));

    private static bool AllowsAction(JsonElement statement, string action)
    {
        if (statement.TryGetProperty("Action", out var actions))
        {
            return Values(actions).Any(p => action == "*" ? IamWildcard.MatchesEveryAction(p) : IamWildcard.IsMatch(p, action));
        }

        return action != "*" && statement.TryGetProperty("NotAction", out var notActions)
            && !Values(notActions).Any(p => IamWildcard.IsMatch(p, action));
    }

    private static bool CoversResource(JsonElement statement, string resource)
    {
        if (statement.TryGetProperty("Resource", out var resources))
        {
            return Values(resources).Any(p => resource == "*" ? IamWildcard.IsStars(p) : IamWildcard.IsMatch(p, resource));
        }

        return statement.TryGetProperty("NotResource", out var notResources)
            && (resource == "*" || !Values(notResources).Any(p => IamWildcard.IsMatch(p, resource)));
    }

    private static bool PinsAny(JsonElement statement, IReadOnlyList<string> keys)
    {
        if (!statement.TryGetProperty("Condition", out var condition) || condition.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var block in condition.EnumerateObject())
        {
            if (!Restricts(block.Name) || block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var test in block.Value.EnumerateObject())
            {
                if (Glob.AnyMatch(keys, test.Name) && Values(test.Value).Any(v => Pins(block.Name, v)) && !AdmitsTheInternet(test))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether one condition value narrows who gets in. Under a Like operator a pattern pins something only when text
    /// the caller cannot choose comes before its first wildcard, once a leading "scheme:" is set aside: GitHub's
    /// subject "repo:*" (or "*:*", or GitLab's "project_path:*") admits every repository of every owner on the
    /// provider, which is anyone who can open an account there.
    /// </summary>
    private static bool Pins(string conditionOperator, string value)
    {
        if (IamWildcard.IsStars(value))
        {
            return false;
        }

        if (!conditionOperator.Contains("Like", StringComparison.Ordinal))
        {
            return true;
        }

        var literal = value.AsSpan(0, Math.Max(0, value.AsSpan().IndexOfAny('*', '?') is var w and >= 0 ? w : value.Length));
        var colon = literal.IndexOf(':');
        if (colon > 0 && IsSchemeName(literal[..colon]))
        {
            literal = literal[(colon + 1)..];
        }

        return !literal.IsEmpty;
    }

    private static bool IsSchemeName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An address condition whose blocks together hold every internet address (0.0.0.0/0, both halves of IPv4, ::/0)
    /// lets every caller in: addresses are compared as sets, as the network rules compare them, not as text.
    /// </summary>
    private static bool AdmitsTheInternet(JsonProperty test)
    {
        var ranges = new List<IpRange>();
        foreach (var value in Values(test.Value))
        {
            if (IpRange.TryParse(value.Trim(), out var range))
            {
                ranges.Add(range!);
            }
        }

        return ranges.Count > 0 && Network.InternetAddresses.CoveredBy(Network.IpRangeSet.Of(ranges));
    }

    // A negated operator (StringNotEquals, NotIpAddress) lets in everyone but some; IfExists passes when the key is
    // absent; Null only tests presence; ForAllValues holds for an empty set. None of them narrows who gets in.
    private static bool Restricts(string conditionOperator) =>
        !conditionOperator.Contains("Not", StringComparison.Ordinal)
        && !conditionOperator.EndsWith("IfExists", StringComparison.Ordinal)
        && !string.Equals(conditionOperator, "Null", StringComparison.Ordinal)
        && !conditionOperator.StartsWith("ForAllValues:", StringComparison.Ordinal);

    private static string? Text(JsonElement statement, string name) =>
        statement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static IEnumerable<string> Values(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            yield return value.GetString()!;
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (Events.JsonRead.ScalarText(item) is { } text)
                {
                    yield return text;
                }
            }
        }
        else if (Events.JsonRead.ScalarText(value) is { } scalar)
        {
            yield return scalar;
        }
    }
}
