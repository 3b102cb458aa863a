namespace GuardAlerts.Core.Events;

/// <summary>A GuardDuty finding, from an EventBridge envelope or a bare finding.</summary>
public sealed record GuardDutyEvent : SecurityEvent
{
    /// <inheritdoc />
    public override EventKind Kind => EventKind.GuardDuty;

    /// <summary>The finding.</summary>
    public required GuardDutyFinding Finding { get; init; }
}
