using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// Everything the renderer needs about one decided event. <paramref name="AccountName"/> is the name of the event's
/// account, shown beside its id wherever the alert names the account (never instead of it).
/// </summary>
public sealed record AlertContext(
    SecurityEvent Event,
    Actor Actor,
    RuleMatch Match,
    Severity Severity,
    string DedupKey,
    DateTimeOffset Now,
    string? ExemptionNote = null,
    string? AccountName = null);
