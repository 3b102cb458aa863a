namespace GuardAlerts.Core.Rules;

/// <summary>
/// IAM's wildcard matching for policy values: '*' any run of characters, '?' one character, case-insensitive (IAM
/// compares action names without case). Used for the patterns a policy writes, never for our own globs.
/// </summary>
internal static class IamWildcard
{
    /// <summary>Whether <paramref name="text"/> matches the policy pattern <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string text) => Text.Glob.Wildcard(pattern, text, questionMatchesOne: true);

    /// <summary>
    /// Whether the pattern matches every action ("service:Action"): only '*' around at most one ':' ("*", "*:*",
    /// "**"). "iam:*" or "*:Get*" grant a part, not everything.
    /// </summary>
    public static bool MatchesEveryAction(string pattern)
    {
        var colon = pattern.IndexOf(':', StringComparison.Ordinal);
        var before = colon < 0 ? pattern : pattern[..colon];
        var after = colon < 0 ? "*" : pattern[(colon + 1)..];
        return IsStars(before) && IsStars(after) && (colon >= 0 || before.Length > 0);
    }

    /// <summary>Whether the value is made of '*' only (one or more): a wildcard that matches any text.</summary>
    public static bool IsStars(string value) => value.Length > 0 && value.AsSpan().IndexOfAnyExcept('*') < 0;
}
