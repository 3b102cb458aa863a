namespace GuardAlerts.Core.Pipeline;

/// <summary>A request to claim a dedup key: the right (and duty) to publish the alert it stands for.</summary>
/// <param name="Key">The dedup key.</param>
/// <param name="Now">The current time (from the injected clock).</param>
/// <param name="RetainUntil">How long the ledger must remember the key (the end of the dedup window, plus margin).</param>
public sealed record ClaimRequest(string Key, DateTimeOffset Now, DateTimeOffset RetainUntil);
