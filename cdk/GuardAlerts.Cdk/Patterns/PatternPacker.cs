namespace GuardAlerts.Cdk.Patterns;

/// <summary>
/// Packs alternative pattern clauses into as few rules as fit EventBridge's pattern size quota: each rule matches
/// the OR ("$or") of its clauses. Order is kept, so the same table always yields the same rules.
/// </summary>
internal static class PatternPacker
{
    /// <summary>The detail of one rule: the clause itself, or "$or" over several.</summary>
    public static Dictionary<string, object> Detail(IReadOnlyList<Dictionary<string, object>> clauses) => clauses.Count switch
    {
        0 => throw new ArgumentException("a rule needs at least one clause", nameof(clauses)),
        1 => clauses[0],
        _ => new Dictionary<string, object> { ["$or"] = clauses.Cast<object>().ToArray() },
    };

    /// <summary>
    /// Greedy first-fit in order. <paramref name="wholePattern"/> renders a rule's full pattern from its detail;
    /// a clause that does not fit alone is an error (the caller splits it first).
    /// </summary>
    public static List<List<Dictionary<string, object>>> Pack(
        IEnumerable<Dictionary<string, object>> clauses,
        Func<Dictionary<string, object>, object> wholePattern,
        Func<string, int> stringLength,
        int budget = PatternSize.Budget)
    {
        var groups = new List<List<Dictionary<string, object>>>();
        List<Dictionary<string, object>>? current = null;
        foreach (var clause in clauses)
        {
            if (Size([clause], wholePattern, stringLength) > budget)
            {
                throw new ArgumentException($"one clause alone is larger than the {budget}-character budget: split it", nameof(clauses));
            }

            if (current is not null && Size([.. current, clause], wholePattern, stringLength) <= budget)
            {
                current.Add(clause);
                continue;
            }

            current = [clause];
            groups.Add(current);
        }

        return groups;
    }

    public static int Size(IReadOnlyList<Dictionary<string, object>> clauses, Func<Dictionary<string, object>, object> wholePattern, Func<string, int> stringLength) =>
        PatternSize.Of(wholePattern(Detail(clauses)), stringLength);
}
