using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.Canary;

/// <summary>
/// The heartbeat canary an hourly EventBridge schedule sends each function ("detail-type": "GuardAlerts Canary",
/// "source": "guardalerts.canary", "detail": {"function": "guardduty"|"cloudtrail"}). It goes through attribution,
/// the ledger and publishing like an alert, carrying the message attribute canary=true that every subscription drops.
/// </summary>
public sealed record CanaryEvent : SecurityEvent
{
    public const string DetailType = "GuardAlerts Canary";
    public const string Source = "guardalerts.canary";

    /// <inheritdoc />
    public override EventKind Kind => EventKind.Canary;

    /// <summary>The function the schedule meant to reach.</summary>
    public required string Function { get; init; }
}
