namespace GuardAlerts.Core.Text;

/// <summary>
/// '*' wildcard matching (any run of characters, including none), case-insensitive. No other metacharacters:
/// ARNs and user agents contain '?', '[' and '.' literally.
/// </summary>
public static class Glob
{
    /// <summary>Whether <paramref name="text"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string? text)
    {
        if (text is null)
        {
            return false;
        }

        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
        }

        return Wildcard(pattern, text, questionMatchesOne: false);
    }

    /// <summary>
    /// The one wildcard matcher: '*' any run of characters, case-insensitive, and '?' one character when
    /// <paramref name="questionMatchesOne"/> (IAM's policy patterns; our own globs keep '?' literal).
    /// </summary>
    internal static bool Wildcard(string pattern, string text, bool questionMatchesOne)
    {
        // Iterative matcher with single backtrack point: linear in practice, no regex (no ReDoS, AOT-friendly).
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*'
                && ((questionMatchesOne && pattern[p] == '?') || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(text[t])))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    /// <summary>Whether any pattern matches.</summary>
    public static bool AnyMatch(IReadOnlyList<string> patterns, string? text)
    {
        foreach (var pattern in patterns)
        {
            if (IsMatch(pattern, text))
            {
                return true;
            }
        }

        return false;
    }
}
