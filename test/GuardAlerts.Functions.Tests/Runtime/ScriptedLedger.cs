using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Functions.Tests.Runtime;

/// <summary>
/// An in-memory ledger with two faults on demand: the first claim can hang until its invocation is cancelled (a
/// DynamoDB call outliving the deadline), and claims can find another caller's unconfirmed claim (a pending key).
/// </summary>
internal sealed class ScriptedLedger : IAlertLedger
{
    private readonly InMemoryAlertLedger _inner = new();
    private bool _hangOnce;

    public bool HangFirstClaim { init => _hangOnce = value; }

    public bool ClaimsArePending { get; init; }

    public async ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        if (_hangOnce)
        {
            _hangOnce = false;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return ClaimsArePending
            ? new LedgerClaim(request.Key, ClaimStatus.Duplicate, "someone-else", 2, Sent: false)
            : await _inner.ClaimAsync(request, cancellationToken);
    }

    public ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken) =>
        _inner.ConfirmAsync(claim, messageId, cancellationToken);

    public ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken) =>
        _inner.ReleaseAsync(claim, cancellationToken);

    public ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken) =>
        _inner.CountAsync(request, cancellationToken);

    public ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        _inner.ReadCountAsync(key, now, cancellationToken);
}
