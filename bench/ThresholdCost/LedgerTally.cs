using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Bench.ThresholdCost;

/// <summary>
/// The in-memory ledger, counting the calls the DynamoDB ledger would make for each threshold rule: one UpdateItem per
/// member counted, a GetItem more when the member was already there (or the window full), a GetItem for the
/// overlapping window's count at a crossing, and claim and confirm (two UpdateItems) per crossing alert.
/// </summary>
internal sealed class LedgerTally : IAlertLedger
{
    private readonly InMemoryAlertLedger _inner = new();

    public Dictionary<string, (long Writes, long Reads, long MaxMembers)> ByRule { get; } = new(StringComparer.Ordinal);

    public async ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        Add(request.Key, writes: 1, reads: 0, members: 0);
        return await _inner.ClaimAsync(request, cancellationToken);
    }

    public ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken)
    {
        Add(claim.Key, writes: 1, reads: 0, members: 0);
        return _inner.ConfirmAsync(claim, messageId, cancellationToken);
    }

    public ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken) => _inner.ReleaseAsync(claim, cancellationToken);

    public async ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken)
    {
        var result = await _inner.CountAsync(request, cancellationToken);
        Add(request.Key, writes: 1, reads: result.Added ? 0 : 1, members: result.Count);
        return result;
    }

    public ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Add(key, writes: 0, reads: 1, members: 0);
        return _inner.ReadCountAsync(key, now, cancellationToken);
    }

    private void Add(string key, long writes, long reads, long members)
    {
        // Threshold keys are th#<rule>#...; the primary rules' claims are not what this measures.
        if (!key.StartsWith("th#", StringComparison.Ordinal))
        {
            return;
        }

        var rule = key.Split('#')[1];
        var (w, r, m) = ByRule.GetValueOrDefault(rule);
        ByRule[rule] = (w + writes, r + reads, Math.Max(m, members));
    }
}
