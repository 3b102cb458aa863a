namespace GuardAlerts.Bench.CorpusGen;

/// <summary>What an organization's day holds, as written.</summary>
internal sealed record OrgDaySummary(
    IReadOnlyDictionary<string, int> AccountsByProfile,
    long CloudTrailEvents,
    long Bytes,
    int Files,
    IReadOnlyDictionary<string, long> RiskyByKind,
    long Findings);
