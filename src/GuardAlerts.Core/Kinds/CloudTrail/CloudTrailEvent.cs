using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>A CloudTrail management event, from an EventBridge envelope, a log file or a bare record.</summary>
public sealed record CloudTrailEvent : SecurityEvent
{
    /// <inheritdoc />
    public override EventKind Kind => EventKind.CloudTrail;

    /// <summary>The CloudTrail record.</summary>
    public required CloudTrailRecord Record { get; init; }
}
