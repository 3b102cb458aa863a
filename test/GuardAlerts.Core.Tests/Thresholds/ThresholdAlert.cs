namespace GuardAlerts.Core.Tests.Thresholds;

/// <summary>A crossing that alerted, as the tests compare them.</summary>
internal sealed record ThresholdAlert(string Key, long Count, string Reason);
