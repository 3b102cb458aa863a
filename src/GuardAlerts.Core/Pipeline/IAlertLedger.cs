namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// The dedup ledger port. Contract: exactly one caller wins a claim on a key until it is released, its lease
/// expires unconfirmed, or the retained key expires; a conditional failure is an outcome (Duplicate), never an
/// exception. Infrastructure failures (after the adapter's own retries) throw, so the event is retried.
/// Threshold windows live in the same ledger: a member is counted at most once per window, atomically, so of many
/// callers adding members exactly one sees each count (and so exactly one sees the count that crosses a threshold).
/// </summary>
public interface IAlertLedger
{
    /// <summary>Claims the key (one call). Later callers get Duplicate with the updated seen count.</summary>
    ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Marks the claimed key sent, if the claim is still held (one call).</summary>
    ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken);

    /// <summary>Gives the claim up after a failed publish so a retry can send the alert.</summary>
    ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken);

    /// <summary>Adds a member to a threshold window (one atomic call; a second read only when it was not added).</summary>
    ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken);

    /// <summary>A threshold window's count (0 when the window has none, or has expired).</summary>
    ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken);
}
