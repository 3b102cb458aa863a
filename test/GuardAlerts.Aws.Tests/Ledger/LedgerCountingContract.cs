using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Ledger;

/// <summary>
/// The threshold-counting half of the ledger contract, run against every ledger (in memory and DynamoDB on dynalite):
/// a member counts once per window, each added member gets its own count (so one caller crosses), a full window stops
/// counting, and a window past its retention starts again.
/// </summary>
public abstract class LedgerCountingContract
{
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(25);

    /// <summary>A fresh, empty ledger on <paramref name="clock"/>.</summary>
    protected abstract Task<IAlertLedger> CreateAsync(FakeTimeProvider clock);

    [Fact]
    public async Task CountAsync_WhenAMemberComesAgain_ShouldCountItOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var ledger = await CreateAsync(clock);

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
        var clock = new FakeTimeProvider(Start);
        var ledger = await CreateAsync(clock);

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
        var clock = new FakeTimeProvider(Start);
        var ledger = await CreateAsync(clock);
        await Count(ledger, clock, "w", "a");
        await Count(ledger, clock, "w", "b");

        clock.Advance(Retention + TimeSpan.FromMinutes(1));
        var after = await Count(ledger, clock, "w", "a");

        Assert.Equal((1L, true), (after.Count, after.Added));
    }

    [Fact]
    public async Task CountAsync_When50ParallelCallersAddMembers_ShouldGiveEachCountToOneCallerSoOneCrosses()
    {
        const int Callers = 50;
        const int Threshold = 20;
        var clock = new FakeTimeProvider(Start);
        var ledger = await CreateAsync(clock);
        var next = 0;

        var results = await StartGate.RunTogetherAsync(Callers, () => Count(ledger, clock, "burst", "m" + Interlocked.Increment(ref next), cap: 8 * Threshold));

        Assert.All(results, r => Assert.True(r.Added));
        Assert.Equal(Enumerable.Range(1, Callers).Select(i => (long)i), results.Select(r => r.Count).Order());
        Assert.Single(results, r => r.Count == Threshold);
    }

    [Fact]
    public async Task CountAsync_When50ParallelRetriesOfOneEvent_ShouldCountItOnce()
    {
        var clock = new FakeTimeProvider(Start);
        var ledger = await CreateAsync(clock);

        var results = await StartGate.RunTogetherAsync(50, () => Count(ledger, clock, "retry", "event-1"));

        Assert.Single(results, r => r.Added);
        Assert.All(results, r => Assert.Equal(1, r.Count));
    }

    [Fact]
    public async Task ProcessAsync_When50ParallelInvocationsCrossAThreshold_ShouldPublishOneAlert()
    {
        var clock = new FakeTimeProvider(Start);
        var ledger = await CreateAsync(clock);
        var publisher = new CountingPublisher();
        var pipeline = ThresholdEvents.Pipeline(ledger, publisher, clock);

        var next = 0;
        var decisions = await StartGate.RunTogetherAsync(50, async () => await pipeline.ProcessAsync(ThresholdEvents.Read(Interlocked.Increment(ref next))));

        // 50 reads, N = 10: the multiples 10, 20 and 40 alert once each, whichever invocation reaches them.
        Assert.Equal(3, publisher.Count);
        Assert.Equal(3, decisions.SelectMany(d => d.Thresholds).Count(t => t.Outcome == Outcome.Alert));
    }

    private static Task<CountResult> Count(IAlertLedger ledger, FakeTimeProvider clock, string key, string member, int cap = 100) =>
        ledger.CountAsync(new CountRequest(key, member, cap, clock.GetUtcNow(), clock.GetUtcNow() + Retention), CancellationToken.None).AsTask();
}
