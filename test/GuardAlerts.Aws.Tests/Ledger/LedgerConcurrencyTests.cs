using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;
using Xunit.Abstractions;

namespace GuardAlerts.Aws.Tests.Ledger;

[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LedgerConcurrencyTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    private const int Claimants = 50;
    private const int Rounds = 5;

    [Fact]
    public async Task ClaimAsync_When50ClaimantsRaceForOneKey_ShouldGiveExactlyOneWinnerEveryRound()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);

        for (var round = 1; round <= Rounds; round++)
        {
            var key = $"burst-{round}";
            var claims = await StartGate.RunTogetherAsync(Claimants, () => context.ClaimAsync(key).AsTask());

            Assert.Single(claims, c => c.Status == ClaimStatus.Won);
            // The counter is atomic: every caller saw a different count, 1 to 50.
            Assert.Equal(Enumerable.Range(1, Claimants).Select(i => (long)i), claims.Select(c => c.SeenCount).Order());
            output.WriteLine($"round {round}: {claims.Count(c => c.Status == ClaimStatus.Won)} winner, {claims.Count(c => c.Status == ClaimStatus.Duplicate)} duplicates");
        }
    }

    [Fact]
    public async Task RunAsync_When50ConcurrentRetriesFollowALapsedLease_ShouldPublishExactlyOnce()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var publisher = new RecordingPublisher();

        for (var round = 1; round <= Rounds; round++)
        {
            var key = $"stale-{round}";
            // An invocation claims, then dies before publishing: no publish, no confirm, no release.
            var crashed = await context.ClaimAsync(key);
            Assert.Equal(ClaimStatus.Won, crashed.Status);
            context.Clock.Advance(LedgerTestContext.Lease + TimeSpan.FromSeconds(1));
            var before = publisher.Count;

            var claims = await StartGate.RunTogetherAsync(
                Claimants, () => AlertFlow.RunAsync(context.Ledger, publisher, context.Request(key), TestAlerts.Create()));

            Assert.Single(claims, c => c.Status == ClaimStatus.Won);
            Assert.Equal(1, publisher.Count - before);
            Assert.Equal("sent", (await context.ItemAsync(key))!["state"].S);
        }
    }

    [Fact]
    public async Task RunAsync_WhenProcessDiesBetweenClaimAndPublish_ShouldPublishOnceOnTheRetryAfterTheLease()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var publisher = new RecordingPublisher();
        var alert = TestAlerts.Create();

        var crashed = await context.ClaimAsync("k1");
        var earlyRetry = await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), alert);
        context.Clock.Advance(LedgerTestContext.Lease + TimeSpan.FromSeconds(1));
        var retry = await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), alert);
        var later = await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), alert);

        Assert.Equal(ClaimStatus.Won, crashed.Status);
        Assert.Equal(ClaimStatus.Duplicate, earlyRetry.Status);
        Assert.False(earlyRetry.Sent);
        Assert.Equal(ClaimStatus.Won, retry.Status);
        Assert.Equal(ClaimStatus.Duplicate, later.Status);
        Assert.True(later.Sent);
        Assert.Equal(1, publisher.Count);
    }

    [Fact]
    public async Task RunAsync_WhenPublishFails_ShouldReleaseSoTheRetrySendsIt()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var publisher = new RecordingPublisher();

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            AlertFlow.RunAsync(context.Ledger, new FailingPublisher(), context.Request("k1"), TestAlerts.Create()));
        var retry = await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), TestAlerts.Create());

        Assert.Equal(ClaimStatus.Won, retry.Status);
        Assert.Equal(1, publisher.Count);
    }
}
