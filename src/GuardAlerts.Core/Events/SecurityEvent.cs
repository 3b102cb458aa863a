using System.Text.Json;
using GuardAlerts.Core.Kinds;

namespace GuardAlerts.Core.Events;

/// <summary>An event the pipeline decides on: what every kind shares.</summary>
public abstract record SecurityEvent
{
    /// <summary>GuardDuty finding or CloudTrail event.</summary>
    public abstract EventKind Kind { get; }

    /// <summary>The EventBridge event id when the input had an envelope, else the CloudTrail eventID or the finding id.</summary>
    public required string Id { get; init; }

    /// <summary>The EventBridge envelope id, when the input had one.</summary>
    public string? EnvelopeId { get; init; }

    /// <summary>Finding type or CloudTrail eventName.</summary>
    public required string Name { get; init; }

    /// <summary>The AWS account the event happened in.</summary>
    public string? Account { get; init; }

    /// <summary>The region the event happened in.</summary>
    public string? Region { get; init; }

    /// <summary>When it happened (CloudTrail eventTime, finding updatedAt).</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The detail (CloudTrail record or finding) as parsed JSON, for rule conditions.</summary>
    public required JsonElement Detail { get; init; }

    /// <summary>Strings that held invalid text and were read as U+FFFD (null when none): the decision says so.</summary>
    public RepairedText? RepairedText { get; init; }
}
