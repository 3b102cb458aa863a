using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>How a CloudTrail record meets the risk table: by eventName (and eventSource, identity types, condition), with every-call rules as a floor.</summary>
internal static class CloudTrailRuleMatcher
{
    public static RuleMatch? Match(RiskTable table, CloudTrailEvent e)
    {
        if (!CloudTrailEventTypes.AreDecidedByRules(e.Record.EventType))
        {
            return null;
        }

        var identityType = e.Record.UserIdentity?.Type;
        var notes = new List<string>();
        var rule = table.RulesFor(e.Name) is { } candidates ? FirstMatch(candidates, e, identityType) : null;
        var severity = rule is null ? Severity.Informational : RiskTable.Raised(rule, e, rule.Severity ?? Severity.Medium, notes);
        // An every-call rule (the root user's) is the floor: the entry for the call names it and says what to do,
        // and the event is never rated below what the every-call rule gives it.
        if (FirstMatch(table.EveryCallRules, e, identityType) is { } floor)
        {
            var floorNotes = new List<string>();
            var floorSeverity = RiskTable.Raised(floor, e, floor.Severity ?? Severity.Medium, floorNotes);
            if (rule is null)
            {
                (rule, severity) = (floor, floorSeverity);
                notes.AddRange(floorNotes);
            }
            else if (floorSeverity > severity)
            {
                notes.Add($"raised to {floorSeverity.Name()} by {floor.Id} ({floor.Title}{(floorNotes.Count > 0 ? ": " + string.Join("; ", floorNotes) : "")})");
                severity = floorSeverity;
            }
        }

        if (rule is null)
        {
            return null;
        }

        if (e.Record.ErrorCode is { } error && table.LowerFailedCallsBy > 0)
        {
            severity = severity.Lower(table.LowerFailedCallsBy);
            notes.Add($"the call failed ({error}): an attempt, nothing changed");
        }

        return new RuleMatch(rule, severity, notes);
    }

    /// <summary>
    /// The threshold rules counting this record: its eventName among theirs, or (rules without eventNames) its
    /// errorCode among theirs; then eventSource, identity types and 'when' as for any rule.
    /// </summary>
    public static IReadOnlyList<RiskRule> MatchThresholds(IReadOnlyList<RiskRule> thresholds, CloudTrailEvent e)
    {
        if (!CloudTrailEventTypes.AreDecidedByRules(e.Record.EventType))
        {
            return [];
        }

        var matched = new List<RiskRule>();
        foreach (var rule in thresholds)
        {
            var named = rule.EventNames.Count == 0 || rule.EventNames.Contains(e.Name, StringComparer.Ordinal);
            var refused = rule.ErrorCodes.Count == 0 || (e.Record.ErrorCode is { } code && rule.ErrorCodes.Contains(code, StringComparer.Ordinal));
            if (named && refused && FirstMatch([rule], e, e.Record.UserIdentity?.Type) is not null)
            {
                matched.Add(rule);
            }
        }

        return matched;
    }

    private static RiskRule? FirstMatch(IReadOnlyList<RiskRule> candidates, CloudTrailEvent e, string? identityType)
    {
        foreach (var rule in candidates)
        {
            if ((rule.EventSource is { } source && !string.Equals(source, e.Record.EventSource, StringComparison.Ordinal))
                || (rule.UserIdentityTypes.Count > 0 && (identityType is null || !rule.UserIdentityTypes.Contains(identityType, StringComparer.Ordinal)))
                || (rule.When is { } when && !when.Evaluate(e.Detail)))
            {
                continue;
            }

            return rule;
        }

        return null;
    }
}
