namespace GuardAlerts.Core.Pipeline;

/// <summary>A claim's result.</summary>
/// <param name="Key">The dedup key.</param>
/// <param name="Status">Won or Duplicate.</param>
/// <param name="ClaimId">Identifies this caller's claim (confirm and release are conditional on it).</param>
/// <param name="SeenCount">How many times the key has been seen, this time included (a burst reports "seen N times").</param>
/// <param name="Sent">For a duplicate: whether the alert has been confirmed sent (false: another claim is pending).</param>
public sealed record LedgerClaim(string Key, ClaimStatus Status, string ClaimId, long SeenCount, bool Sent);
