using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Benchmarks;

/// <summary>A ledger where every claim wins, so each benchmark iteration goes all the way to rendering.</summary>
internal sealed class NullLedger : IAlertLedger
{
    public ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new LedgerClaim(request.Key, ClaimStatus.Won, "c", 1, false));

    public ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new CountResult(1, true, [request.Member]));

    public ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) => ValueTask.FromResult(0L);
}
