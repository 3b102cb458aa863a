using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Rendering;

/// <summary>Everything the renderer needs about one decided event.</summary>
public sealed record AlertContext(
    SecurityEvent Event,
    Actor Actor,
    RuleMatch Match,
    Severity Severity,
    string DedupKey,
    DateTimeOffset Now,
    string? ExemptionNote = null);
