namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// The ledger in memory, for replays and tests: the same contract as the DynamoDB ledger (claims, leases,
/// retention, seen counts, threshold windows), within one process. Windows are kept until their retention passes
/// (by the injected clock), so a replay's memory grows with the windows of one retention, each bounded by its cap.
/// </summary>
public sealed class InMemoryAlertLedger : IAlertLedger
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeSpan _lease;
    private long _nextClaim;

    /// <summary>Creates a ledger whose unconfirmed claims expire after <paramref name="lease"/> (default 5 minutes).</summary>
    public InMemoryAlertLedger(TimeSpan? lease = null) => _lease = lease ?? TimeSpan.FromMinutes(5);

    /// <summary>The number of keys held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimId = (++_nextClaim).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_entries.TryGetValue(request.Key, out var entry) && entry.RetainUntil > request.Now
                && (entry.Sent || entry.LeaseUntil > request.Now))
            {
                entry.Seen++;
                return ValueTask.FromResult(new LedgerClaim(request.Key, ClaimStatus.Duplicate, entry.ClaimId, entry.Seen, entry.Sent));
            }

            var seen = entry is not null && entry.RetainUntil > request.Now ? entry.Seen + 1 : 1;
            _entries[request.Key] = new Entry(claimId, request.Now + _lease, request.RetainUntil) { Seen = seen };
            return ValueTask.FromResult(new LedgerClaim(request.Key, ClaimStatus.Won, claimId, seen, Sent: false));
        }
    }

    public ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(claim.Key, out var entry) && entry.ClaimId == claim.ClaimId)
            {
                entry.Sent = true;
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(claim.Key, out var entry) && entry.ClaimId == claim.ClaimId && !entry.Sent)
            {
                _entries.Remove(claim.Key);
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_windows.TryGetValue(request.Key, out var window) || window.RetainUntil <= request.Now)
            {
                _windows[request.Key] = window = new Window(request.RetainUntil);
            }

            var added = window.Members.Count < request.Cap && window.Members.Add(request.Member);
            return ValueTask.FromResult(new CountResult(window.Members.Count, added, [.. window.Members.Order(StringComparer.Ordinal)]));
        }
    }

    public ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_windows.TryGetValue(key, out var window) && window.RetainUntil > now ? (long)window.Members.Count : 0L);
        }
    }

    private sealed class Window(DateTimeOffset retainUntil)
    {
        public DateTimeOffset RetainUntil { get; } = retainUntil;
        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Entry(string claimId, DateTimeOffset leaseUntil, DateTimeOffset retainUntil)
    {
        public string ClaimId { get; } = claimId;
        public DateTimeOffset LeaseUntil { get; } = leaseUntil;
        public DateTimeOffset RetainUntil { get; } = retainUntil;
        public long Seen { get; set; }
        public bool Sent { get; set; }
    }
}
