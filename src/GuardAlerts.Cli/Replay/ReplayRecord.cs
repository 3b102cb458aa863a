namespace GuardAlerts.Cli.Replay;

/// <summary>
/// One JSON Lines record per input event. The field names and their meaning are a contract other tools depend on:
/// id, kind, name, account, region, time, outcome, severity, rule, exemption, dedupKey, actor, subject, sms, reason.
/// </summary>
internal sealed record ReplayRecord(
    string? Id,
    string? Kind,
    string? Name,
    string? Account,
    string? Region,
    string? Time,
    string Outcome,
    string? Severity,
    string? Rule,
    string? Exemption,
    string? DedupKey,
    string? Actor,
    string? Subject,
    string? Sms,
    string? Reason);
