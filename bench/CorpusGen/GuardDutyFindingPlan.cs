namespace GuardAlerts.Bench.CorpusGen;

/// <summary>One GuardDuty finding of the day: when, where, its type and severity, and whether it is about an instance or an access key.</summary>
internal sealed record GuardDutyFindingPlan(DateTime Time, string Region, string Type, double Severity, bool OnInstance);
