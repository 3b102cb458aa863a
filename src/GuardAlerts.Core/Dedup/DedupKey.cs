namespace GuardAlerts.Core.Dedup;

/// <summary>A dedup key and how long the ledger must remember it (from now).</summary>
public sealed record DedupKey(string Value, TimeSpan Retention);
