using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>A GuardDuty finding, from an EventBridge envelope or a bare finding.</summary>
public sealed record GuardDutyEvent : SecurityEvent
{
    /// <inheritdoc />
    public override EventKind Kind => EventKind.GuardDuty;

    /// <summary>The finding.</summary>
    public required GuardDutyFinding Finding { get; init; }
}
