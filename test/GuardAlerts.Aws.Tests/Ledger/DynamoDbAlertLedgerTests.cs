using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Aws.Tests.Ledger;

[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DynamoDbAlertLedgerTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task ClaimAsync_WhenKeyIsNew_ShouldWinPendingWithTtl()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);

        var claim = await context.ClaimAsync("k1");

        Assert.Equal(ClaimStatus.Won, claim.Status);
        Assert.Equal(1, claim.SeenCount);
        var item = await context.ItemAsync("k1");
        Assert.NotNull(item);
        Assert.Equal("pending", item["state"].S);
        Assert.Equal(claim.ClaimId, item["claimId"].S);
        Assert.Equal((context.Clock.GetUtcNow() + LedgerTestContext.Retention).ToUnixTimeSeconds().ToString(), item["expiresAt"].N);
        Assert.Equal((context.Clock.GetUtcNow() + LedgerTestContext.Lease).ToUnixTimeMilliseconds().ToString(), item["leaseUntil"].N);
    }

    [Fact]
    public async Task ClaimAsync_WhenClaimIsPendingWithinLease_ShouldReturnDuplicateNotSent()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var first = await context.ClaimAsync("k1");
        context.Clock.Advance(LedgerTestContext.Lease - TimeSpan.FromSeconds(1));

        var second = await context.ClaimAsync("k1");

        Assert.Equal(ClaimStatus.Duplicate, second.Status);
        Assert.False(second.Sent);
        Assert.Equal(2, second.SeenCount);
        Assert.Equal(first.ClaimId, (await context.ItemAsync("k1"))!["claimId"].S);
    }

    [Fact]
    public async Task ConfirmAsync_WhenClaimIsHeld_ShouldMarkSentAndLaterClaimsAreSentDuplicates()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var claim = await context.ClaimAsync("k1");

        await context.Ledger.ConfirmAsync(claim, "msg-1", CancellationToken.None);
        context.Clock.Advance(LedgerTestContext.Lease * 10);
        var duplicate = await context.ClaimAsync("k1");

        var item = await context.ItemAsync("k1");
        Assert.Equal("sent", item!["state"].S);
        Assert.Equal("msg-1", item["messageId"].S);
        Assert.Equal(ClaimStatus.Duplicate, duplicate.Status);
        Assert.True(duplicate.Sent);
    }

    [Fact]
    public async Task ReleaseAsync_WhenPublishFailed_ShouldLetTheNextClaimWin()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var first = await context.ClaimAsync("k1");

        await context.Ledger.ReleaseAsync(first, CancellationToken.None);
        var retry = await context.ClaimAsync("k1");

        Assert.Equal(ClaimStatus.Won, retry.Status);
        Assert.NotEqual(first.ClaimId, retry.ClaimId);
    }

    [Fact]
    public async Task ReleaseAsync_WhenAlreadySent_ShouldKeepTheSentRecord()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var claim = await context.ClaimAsync("k1");
        await context.Ledger.ConfirmAsync(claim, "msg-1", CancellationToken.None);

        await context.Ledger.ReleaseAsync(claim, CancellationToken.None);

        Assert.Equal("sent", (await context.ItemAsync("k1"))!["state"].S);
    }

    [Fact]
    public async Task ClaimAsync_WhenLeaseExpiredUnconfirmed_ShouldTakeOverAndKeepCounting()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var crashed = await context.ClaimAsync("k1");
        context.Clock.Advance(LedgerTestContext.Lease + TimeSpan.FromSeconds(1));

        var retry = await context.ClaimAsync("k1");

        Assert.Equal(ClaimStatus.Won, retry.Status);
        Assert.NotEqual(crashed.ClaimId, retry.ClaimId);
        Assert.Equal(2, retry.SeenCount);
        Assert.Equal(retry.ClaimId, (await context.ItemAsync("k1"))!["claimId"].S);
    }

    [Fact]
    public async Task ConfirmAsync_WhenClaimWasTakenOver_ShouldNotOverwriteTheNewHolder()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var slow = await context.ClaimAsync("k1");
        context.Clock.Advance(LedgerTestContext.Lease + TimeSpan.FromSeconds(1));
        var retry = await context.ClaimAsync("k1");

        await context.Ledger.ConfirmAsync(slow, "msg-slow", CancellationToken.None);
        await context.Ledger.ReleaseAsync(slow, CancellationToken.None);

        var item = await context.ItemAsync("k1");
        Assert.Equal(retry.ClaimId, item!["claimId"].S);
        Assert.Equal("pending", item["state"].S);
    }

    [Fact]
    public async Task ClaimAsync_WhenRetentionPassedBeforeTtlDeletion_ShouldWinANewWindowWithCountReset()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var first = await context.ClaimAsync("k1");
        await context.Ledger.ConfirmAsync(first, "msg-1", CancellationToken.None);
        await context.ClaimAsync("k1");
        context.Clock.Advance(LedgerTestContext.Retention + TimeSpan.FromSeconds(1));

        var next = await context.ClaimAsync("k1");

        Assert.Equal(ClaimStatus.Won, next.Status);
        Assert.Equal(1, next.SeenCount);
        var item = await context.ItemAsync("k1");
        Assert.Equal("pending", item!["state"].S);
        Assert.False(item.ContainsKey("messageId"));
    }

    [Fact]
    public async Task ClaimAsync_WhenKeyIsSeenRepeatedly_ShouldCountEverySighting()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        var claim = await context.ClaimAsync("k1");
        await context.Ledger.ConfirmAsync(claim, "msg-1", CancellationToken.None);

        LedgerClaim last = claim;
        for (var i = 0; i < 4; i++)
        {
            last = await context.ClaimAsync("k1");
        }

        Assert.Equal(5, last.SeenCount);
        Assert.Equal("5", (await context.ItemAsync("k1"))!["seen"].N);
    }

    [Fact]
    public async Task ClaimAsync_WhenKeysDiffer_ShouldWinEach()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);

        var a = await context.ClaimAsync("a");
        var b = await context.ClaimAsync("b");

        Assert.Equal(ClaimStatus.Won, a.Status);
        Assert.Equal(ClaimStatus.Won, b.Status);
    }

    [Fact]
    public async Task ConfirmAsync_WhenClaimIsDuplicate_ShouldThrowArgumentException()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        await context.ClaimAsync("k1");
        var duplicate = await context.ClaimAsync("k1");

        await Assert.ThrowsAsync<ArgumentException>(() => context.Ledger.ConfirmAsync(duplicate, "m", CancellationToken.None).AsTask());
    }
}
