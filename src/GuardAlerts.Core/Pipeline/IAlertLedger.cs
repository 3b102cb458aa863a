namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// The dedup ledger port. Contract: exactly one caller wins a claim on a key until it is released, its lease
/// expires unconfirmed, or the retained key expires; a conditional failure is an outcome (Duplicate), never an
/// exception. Infrastructure failures (after the adapter's own retries) throw, so the event is retried.
/// </summary>
public interface IAlertLedger
{
    /// <summary>Claims the key (one call). Later callers get Duplicate with the updated seen count.</summary>
    ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Marks the claimed key sent, if the claim is still held (one call).</summary>
    ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken);

    /// <summary>Gives the claim up after a failed publish so a retry can send the alert.</summary>
    ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken);
}
