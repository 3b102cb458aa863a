namespace GuardAlerts.Core.Rules;

/// <summary>
/// The MITRE ATT&amp;CK (Enterprise, cloud) tactics and techniques a rule detects: tactic ids "TA0005", technique
/// and sub-technique ids "T1562", "T1562.008". For docs/coverage.md and for whoever maps alerts to ATT&amp;CK.
/// </summary>
public sealed record MitreMapping(IReadOnlyList<string> Tactics, IReadOnlyList<string> Techniques);
