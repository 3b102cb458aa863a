using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Thresholds;

/// <summary>A threshold rule's count reached a multiple of N in one window: an alert to send (through claim and publish).</summary>
/// <param name="Rule">The threshold rule.</param>
/// <param name="Level">1 for N, 2 for 2N, 3 for 4N, 4 for 8N.</param>
/// <param name="Count">The count the window reached.</param>
/// <param name="Key">The alert's dedup key (rule, group, window start, multiple) and how long the ledger keeps it.</param>
/// <param name="Description">What was counted, by whom, within what time, when, and a few examples.</param>
public sealed record ThresholdCrossing(RiskRule Rule, int Level, long Count, DedupKey Key, string Description);
