namespace GuardAlerts.Core.Config;

/// <summary>
/// The known field closest to a misspelt one ("principalArn" → "principalArns"), so that an error about an unknown
/// field says what was probably meant.
/// </summary>
public static class FieldSuggestion
{
    /// <summary>The closest of <paramref name="known"/> (any case), or null when none is close enough to be a typo.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // A third of the name may differ (at least 2 edits): "sourceIp" → "sourceIps", "acount" → "accounts"; not "foo" → "owner".
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    /// <summary>" (did you mean X?)" or "" when nothing is close.</summary>
    public static string DidYouMean(string name, IEnumerable<string> known) =>
        Closest(name, known) is { } match ? $" (did you mean {match}?)" : "";

    /// <summary>Levenshtein distance, with names bounded by the caller's files (a field name, not a document).</summary>
    private static int Distance(string a, string b)
    {
        if (a.Length > 128 || b.Length > 128)
        {
            return int.MaxValue;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
