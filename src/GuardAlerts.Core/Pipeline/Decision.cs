using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Thresholds;

namespace GuardAlerts.Core.Pipeline;

/// <summary>The pipeline's decision on one event: enough to answer "why was I (not) alerted?".</summary>
public sealed record Decision
{
    public required Outcome Outcome { get; init; }
    public string? Id { get; init; }
    public EventKind? Kind { get; init; }
    public string? Name { get; init; }
    public string? Account { get; init; }
    public string? Region { get; init; }
    public DateTimeOffset? Time { get; init; }
    public Severity? Severity { get; init; }
    public string? RuleId { get; init; }
    public string? ExemptionId { get; init; }
    public string? DedupKey { get; init; }
    public Actor? Actor { get; init; }
    public RenderedAlert? Alert { get; init; }
    public string? MessageId { get; init; }

    /// <summary>For duplicates: how many times the key has been seen (a burst of N events reports N).</summary>
    public long? SeenCount { get; init; }

    /// <summary>
    /// For duplicates: another caller holds an unconfirmed claim (it may be publishing, or it may have died). A
    /// caller that can be retried (Lambda) should fail so the retry after the lease publishes if the holder died.
    /// </summary>
    public bool ClaimPending { get; init; }

    /// <summary>Why the event was ignored, exempted, a duplicate or rejected; notes for an alert.</summary>
    public string? Reason { get; init; }

    /// <summary>What each threshold rule that counts this event did with it (empty when none does).</summary>
    public IReadOnlyList<ThresholdDecision> Thresholds { get; init; } = [];

    internal static Decision From(ParsedEvent parsed, Outcome outcome, string? reason) => new()
    {
        Outcome = outcome,
        Id = parsed.Id,
        Kind = parsed.Kind,
        Name = parsed.Name,
        Account = parsed.Account,
        Region = parsed.Region,
        Time = parsed.Event?.Time,
        Reason = reason,
    };
}
