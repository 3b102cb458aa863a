using GuardAlerts.Core.Pipeline;
using Xunit;

namespace GuardAlerts.Testing.Ledger;

/// <summary>
/// The dedup ledger's contract (<see cref="IAlertLedger"/>), run against every ledger: exactly one caller wins a key
/// until it is released, its lease expires unconfirmed or the retained key expires; later callers get Duplicate with
/// the seen count; confirm and release act only for the claim that holds the key. A derived class supplies the ledger.
/// </summary>
public abstract class AlertLedgerContractTests
{
    /// <summary>The lease every ledger under test is created with.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty ledger whose unconfirmed claims expire after <see cref="Lease"/>.</summary>
    protected abstract Task<IAlertLedger> CreateLedgerAsync();

    private static ClaimRequest Request(string key, TimeSpan after, TimeSpan? retention = null) =>
        new(key, Start + after, Start + after + (retention ?? Retention));

    private static ValueTask<LedgerClaim> ClaimAsync(IAlertLedger ledger, string key, TimeSpan after = default, TimeSpan? retention = null) =>
        ledger.ClaimAsync(Request(key, after, retention), CancellationToken.None);

    [Fact]
    public async Task ClaimAsync_WhenKeyIsNew_ShouldWinSeenOnce()
    {
        var ledger = await CreateLedgerAsync();

        var claim = await ClaimAsync(ledger, "k1");

        Assert.Equal(ClaimStatus.Won, claim.Status);
        Assert.Equal(1, claim.SeenCount);
        Assert.False(claim.Sent);
    }

    [Fact]
    public async Task ClaimAsync_WhenPendingWithinLease_ShouldBeDuplicateNotSentAndCountEverySighting()
    {
        var ledger = await CreateLedgerAsync();
        await ClaimAsync(ledger, "k1");

        var second = await ClaimAsync(ledger, "k1", TimeSpan.FromSeconds(10));
        var third = await ClaimAsync(ledger, "k1", Lease - TimeSpan.FromSeconds(1));

        Assert.Equal(ClaimStatus.Duplicate, second.Status);
        Assert.False(second.Sent);
        Assert.Equal(2, second.SeenCount);
        Assert.Equal(ClaimStatus.Duplicate, third.Status);
        Assert.Equal(3, third.SeenCount);
    }

    [Fact]
    public async Task ClaimAsync_WhenConfirmed_ShouldBeSentDuplicateEvenAfterTheLease()
    {
        var ledger = await CreateLedgerAsync();
        var claim = await ClaimAsync(ledger, "k1");
        await ledger.ConfirmAsync(claim, "m-1", CancellationToken.None);

        var later = await ClaimAsync(ledger, "k1", Lease * 10);

        Assert.Equal(ClaimStatus.Duplicate, later.Status);
        Assert.True(later.Sent);
        Assert.Equal(2, later.SeenCount);
    }

    [Fact]
    public async Task ClaimAsync_WhenOtherKey_ShouldWinIndependently()
    {
        var ledger = await CreateLedgerAsync();
        await ClaimAsync(ledger, "k1");

        var other = await ClaimAsync(ledger, "k2");

        Assert.Equal(ClaimStatus.Won, other.Status);
        Assert.Equal(1, other.SeenCount);
    }

    [Fact]
    public async Task ReleaseAsync_WhenUnconfirmed_ShouldLetTheNextClaimWin()
    {
        var ledger = await CreateLedgerAsync();
        var claim = await ClaimAsync(ledger, "k1");

        await ledger.ReleaseAsync(claim, CancellationToken.None);
        var retry = await ClaimAsync(ledger, "k1", TimeSpan.FromSeconds(1));

        Assert.Equal(ClaimStatus.Won, retry.Status);
        Assert.NotEqual(claim.ClaimId, retry.ClaimId);
    }

    [Fact]
    public async Task ReleaseAsync_WhenConfirmed_ShouldKeepTheKeySent()
    {
        var ledger = await CreateLedgerAsync();
        var claim = await ClaimAsync(ledger, "k1");
        await ledger.ConfirmAsync(claim, "m-1", CancellationToken.None);

        await ledger.ReleaseAsync(claim, CancellationToken.None);
        var later = await ClaimAsync(ledger, "k1", TimeSpan.FromSeconds(1));

        Assert.Equal(ClaimStatus.Duplicate, later.Status);
        Assert.True(later.Sent);
    }

    [Fact]
    public async Task ClaimAsync_WhenLeaseExpiredUnconfirmed_ShouldLetAnotherCallerTakeItOver()
    {
        var ledger = await CreateLedgerAsync();
        var stale = await ClaimAsync(ledger, "k1");

        var takeover = await ClaimAsync(ledger, "k1", Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(ClaimStatus.Won, takeover.Status);
        Assert.NotEqual(stale.ClaimId, takeover.ClaimId);
    }

    [Fact]
    public async Task ConfirmAsync_WhenTheClaimWasTakenOver_ShouldNotMarkTheNewClaimSent()
    {
        var ledger = await CreateLedgerAsync();
        var stale = await ClaimAsync(ledger, "k1");
        await ClaimAsync(ledger, "k1", Lease + TimeSpan.FromSeconds(1));

        await ledger.ConfirmAsync(stale, "m-stale", CancellationToken.None);
        var next = await ClaimAsync(ledger, "k1", Lease + TimeSpan.FromSeconds(2));

        Assert.Equal(ClaimStatus.Duplicate, next.Status);
        Assert.False(next.Sent);
    }

    [Fact]
    public async Task ReleaseAsync_WhenTheClaimWasTakenOver_ShouldKeepTheNewHoldersClaim()
    {
        var ledger = await CreateLedgerAsync();
        var stale = await ClaimAsync(ledger, "k1");
        await ClaimAsync(ledger, "k1", Lease + TimeSpan.FromSeconds(1));

        await ledger.ReleaseAsync(stale, CancellationToken.None);
        var next = await ClaimAsync(ledger, "k1", Lease + TimeSpan.FromSeconds(2));

        Assert.Equal(ClaimStatus.Duplicate, next.Status);
    }

    [Fact]
    public async Task ClaimAsync_WhenRetentionPassed_ShouldWinAsANewKey()
    {
        var ledger = await CreateLedgerAsync();
        var claim = await ClaimAsync(ledger, "k1", retention: TimeSpan.FromHours(1));
        await ledger.ConfirmAsync(claim, "m-1", CancellationToken.None);

        var after = await ClaimAsync(ledger, "k1", TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(ClaimStatus.Won, after.Status);
        Assert.False(after.Sent);
    }

    [Fact]
    public async Task ClaimAsync_WhenManyCallersAtOnce_ShouldLetExactlyOneWinAndCountThemAll()
    {
        const int callers = 16;
        var ledger = await CreateLedgerAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () => await ClaimAsync(ledger, "k1"))));

        Assert.Single(claims, c => c.Status == ClaimStatus.Won);
        Assert.Equal(Enumerable.Range(1, callers).Select(n => (long)n), claims.Select(c => c.SeenCount).Order());
    }

    // Threshold windows (CountAsync): a member counts once per window, each added member gets its own count (so one
    // caller crosses), a full window stops counting, and a window past its retention starts again.
    private static readonly TimeSpan CountRetention = TimeSpan.FromHours(25);

    [Fact]
    public async Task CountAsync_WhenAMemberComesAgain_ShouldCountItOnce()
    {
        var clock = new StoppedClock(Start);
        var ledger = await CreateLedgerAsync();

        var a = await Count(ledger, clock, "w", "a");
        var b = await Count(ledger, clock, "w", "b");
        var again = await Count(ledger, clock, "w", "a");

        Assert.Equal((1L, true), (a.Count, a.Added));
        Assert.Equal((2L, true), (b.Count, b.Added));
        Assert.Equal((2L, false), (again.Count, again.Added));
        Assert.Equal(["a", "b"], again.Members);
        Assert.Equal(2, await ledger.ReadCountAsync("w", clock.GetUtcNow(), CancellationToken.None));
        Assert.Equal(0, await ledger.ReadCountAsync("other", clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task CountAsync_WhenTheWindowIsFull_ShouldStopCounting()
    {
        var clock = new StoppedClock(Start);
        var ledger = await CreateLedgerAsync();

        foreach (var member in new[] { "a", "b", "c" })
        {
            await Count(ledger, clock, "w", member, cap: 3);
        }

        var full = await Count(ledger, clock, "w", "d", cap: 3);

        Assert.Equal((3L, false), (full.Count, full.Added));
        Assert.DoesNotContain("d", full.Members);
    }

    [Fact]
    public async Task CountAsync_WhenTheRetentionHasPassed_ShouldStartTheWindowAgain()
    {
        var clock = new StoppedClock(Start);
        var ledger = await CreateLedgerAsync();
        await Count(ledger, clock, "w", "a");
        await Count(ledger, clock, "w", "b");

        clock.Now += CountRetention + TimeSpan.FromMinutes(1);
        var after = await Count(ledger, clock, "w", "a");

        Assert.Equal((1L, true), (after.Count, after.Added));
    }

    [Fact]
    public async Task CountAsync_When50ParallelCallersAddMembers_ShouldGiveEachCountToOneCallerSoOneCrosses()
    {
        const int Callers = 50;
        const int Threshold = 20;
        var clock = new StoppedClock(Start);
        var ledger = await CreateLedgerAsync();
        var next = 0;

        var results = await StartGate.RunTogetherAsync(Callers, () => Count(ledger, clock, "burst", "m" + Interlocked.Increment(ref next), cap: 8 * Threshold));

        Assert.All(results, r => Assert.True(r.Added));
        Assert.Equal(Enumerable.Range(1, Callers).Select(i => (long)i), results.Select(r => r.Count).Order());
        Assert.Single(results, r => r.Count == Threshold);
    }

    [Fact]
    public async Task CountAsync_When50ParallelRetriesOfOneEvent_ShouldCountItOnce()
    {
        var clock = new StoppedClock(Start);
        var ledger = await CreateLedgerAsync();

        var results = await StartGate.RunTogetherAsync(50, () => Count(ledger, clock, "retry", "event-1"));

        Assert.Single(results, r => r.Added);
        Assert.All(results, r => Assert.Equal(1, r.Count));
    }

    [Fact]
    public async Task ProcessAsync_When50ParallelInvocationsCrossAThreshold_ShouldPublishOneAlert()
    {
        var clock = new StoppedClock(Start);
        var ledger = await CreateLedgerAsync();
        var publisher = new RecordingPublisher();
        var pipeline = ThresholdEvents.Pipeline(ledger, publisher, clock);

        var next = 0;
        var decisions = await StartGate.RunTogetherAsync(50, async () => await pipeline.ProcessAsync(ThresholdEvents.Read(Interlocked.Increment(ref next))));

        // 50 reads, N = 10: the multiples 10, 20 and 40 alert once each, whichever invocation reaches them.
        Assert.Equal(3, publisher.Count);
        Assert.Equal(3, decisions.SelectMany(d => d.Thresholds).Count(t => t.Outcome == Outcome.Alert));
    }

    private static Task<CountResult> Count(IAlertLedger ledger, StoppedClock clock, string key, string member, int cap = 100) =>
        ledger.CountAsync(new CountRequest(key, member, cap, clock.GetUtcNow(), clock.GetUtcNow() + CountRetention), CancellationToken.None).AsTask();
}
