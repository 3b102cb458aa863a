using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Core.Thresholds;

/// <summary>What a threshold rule did with one event: counted it (Ignored, below or past a crossing), alerted, or not.</summary>
/// <param name="RuleId">The threshold rule.</param>
/// <param name="Outcome">Alert (this event's count crossed and the alert went out), Duplicate (crossed, already sent), Exempted (not counted), Ignored (counted).</param>
/// <param name="Count">The highest count of the event's two windows after it (0 when not counted).</param>
/// <param name="DedupKey">For a crossing: the alert's dedup key.</param>
/// <param name="Reason">What was counted and why this outcome.</param>
/// <param name="Alert">For an alert: the decision of the crossing alert (severity, exemption, rendered alert, message id).</param>
public sealed record ThresholdDecision(string RuleId, Outcome Outcome, long Count, string? DedupKey, string Reason, Decision? Alert = null);
