namespace GuardAlerts.Cdk.Patterns;

/// <summary>One EventBridge rule for CloudTrail events, generated from the risk table.</summary>
/// <param name="Source">The "source" values: "aws.signin", or a prefix match on "aws." (only AWS can send those).</param>
/// <param name="DetailType">"AWS API Call via CloudTrail" or "AWS Console Sign In via CloudTrail".</param>
/// <param name="Detail">The "detail" pattern: eventSource and eventName, one clause or "$or" over several.</param>
/// <param name="ReadOnlyCalls">The rule covers read-only calls: its state must deliver all management events.</param>
/// <param name="EventNames">eventSource to eventNames this rule matches (for tests and the synth summary).</param>
/// <param name="EveryCallOf">userIdentity types whose every call this rule matches (the root user's), whatever the eventName.</param>
/// <param name="ErrorCodes">For a rule of refused calls counted by threshold rules: the errorCodes it matches, whatever the eventName.</param>
internal sealed record CloudTrailRuleSpec(
    object Source,
    string DetailType,
    Dictionary<string, object> Detail,
    bool ReadOnlyCalls,
    IReadOnlyDictionary<string, IReadOnlyList<string>> EventNames,
    IReadOnlyList<string>? EveryCallOf = null,
    IReadOnlyList<string>? ErrorCodes = null)
{
    /// <summary>The whole pattern as EventBridge will store it.</summary>
    public Dictionary<string, object> Pattern() => CloudTrailPatterns.WholePattern(Source, DetailType, Detail);
}
