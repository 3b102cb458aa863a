using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Members;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;
using static GuardAlerts.Aws.Tests.Members.MemberWatchContext;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>The silent-member check over the real store on dynalite, with a fake clock: each silence and recovery is told once, never lost.</summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MemberWatchTests(DynaliteFixture dynalite)
{
    private static readonly MemberId A = new(AccountA, "eu-west-1");

    [Fact]
    public async Task CheckAsync_WhenAnExpectedMemberNeverSentAHeartbeat_ShouldAlertOnceTwoHoursAfterItWasFirstExpected()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, accounts: [AccountA]);

        await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(2));
        await watch.CheckAsync(CancellationToken.None);
        var atTwoHours = pager.Count;
        context.Clock.Advance(TimeSpan.FromMinutes(15));
        await watch.CheckAsync(CancellationToken.None);
        await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(0, atTwoHours);
        var alert = Assert.Single(pager.Published);
        Assert.Equal($"GuardAlerts: member {AccountA} eu-west-1 silent for 2 h 15 min", alert.Subject);
        Assert.Contains("Last heartbeat: never (expected since 2026-12-01 00:00 UTC)", alert.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_WhenAHeardMemberIsSilentForTwoHours_ShouldAlertOnceHoweverOftenItRuns()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, accounts: [AccountA]);
        await watch.RecordAsync(A, Start, CancellationToken.None);

        context.Clock.Advance(TimeSpan.FromHours(1));
        var early = await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromMinutes(61));
        var first = await watch.CheckAsync(CancellationToken.None);
        var second = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (early.Silent, first.Silent, second.Silent));
        var alert = Assert.Single(pager.Published);
        Assert.Contains("Last heartbeat: 2026-12-01 00:00 UTC", alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("Silent for:     2 h 1 min", alert.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_WhenASilentMemberIsHeardAgain_ShouldSendOneRecoveryNamingHowLongItWasSilent()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, accounts: [AccountA]);
        await watch.RecordAsync(A, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));
        await watch.CheckAsync(CancellationToken.None);

        context.Clock.Advance(TimeSpan.FromMinutes(30));
        await watch.RecordAsync(A, context.Clock.GetUtcNow(), CancellationToken.None);
        var first = await watch.CheckAsync(CancellationToken.None);
        var second = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first.Recovered, second.Recovered));
        Assert.Equal(2, pager.Count);
        Assert.Equal($"GuardAlerts: member {AccountA} eu-west-1 heard again after 3 h 30 min", pager.Published[1].Subject);
    }

    [Fact]
    public async Task RecordAsync_WhenAHeartbeatArrivesLate_ShouldNotMoveLastSeenBack()
    {
        using var context = await CreateAsync(dynalite);
        var watch = context.Watch(new RecordingPublisher());

        await watch.RecordAsync(A, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(1));
        await watch.RecordAsync(A, Start + TimeSpan.FromHours(1), CancellationToken.None);
        // Two earlier heartbeats arrive after the later one.
        await watch.RecordAsync(A, Start, CancellationToken.None);
        await watch.RecordAsync(A, Start + TimeSpan.FromMinutes(30), CancellationToken.None);

        var record = (await context.Store.ReadAsync([A], CancellationToken.None))[A];
        Assert.Equal(Start + TimeSpan.FromHours(1), record.LastSeen);
        Assert.Equal([A], await context.Store.ReadRegistryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task CheckAsync_WhenThePublishFails_ShouldAlertOnTheNextCheck()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher(failFirst: 1);
        var watch = context.Watch(pager, accounts: [AccountA]);
        await watch.RecordAsync(A, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var failed = await watch.CheckAsync(CancellationToken.None);
        var retried = await watch.CheckAsync(CancellationToken.None);
        var after = await watch.CheckAsync(CancellationToken.None);

        Assert.Contains("SNS is down", Assert.Single(failed.Problems), StringComparison.Ordinal);
        Assert.Equal((0, 1, 0), (failed.Silent, retried.Silent, after.Silent));
        Assert.Single(pager.Published);
    }

    [Fact]
    public async Task CheckAsync_WhenTheStateWriteFails_ShouldSendTheAlertAgainRatherThanLoseIt()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, accounts: [AccountA], store: new FailingStateStore(context.Store, failures: 1));
        await watch.RecordAsync(A, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var first = await watch.CheckAsync(CancellationToken.None);
        var second = await watch.CheckAsync(CancellationToken.None);
        var third = await watch.CheckAsync(CancellationToken.None);

        Assert.Contains("DynamoDB is unavailable", Assert.Single(first.Problems), StringComparison.Ordinal);
        Assert.Equal(2, pager.Count);
        Assert.Equal(pager.Published[0].Subject, pager.Published[1].Subject);
        Assert.Empty(second.Problems);
        Assert.Equal(0, third.Silent);
    }

    [Fact]
    public async Task CheckAsync_WhenAnAccountLeftTheOrganization_ShouldNoLongerExpectIt()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        const string management = "999900001111";
        // A sent heartbeats, then left; B is ACTIVE; the management account is listed but holds no StackSet instance.
        var listing = new AccountListing(new Dictionary<string, string> { [AccountB] = "Workloads", [management] = "Management", [Central] = "Security" }, management);
        var watch = context.Watch(pager, directory: new ListedAccounts(listing));
        await watch.RecordAsync(A, Start, CancellationToken.None);

        var result = await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));
        await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(1, result.Expected);
        var alert = Assert.Single(pager.Published);
        Assert.Contains($"member {AccountB} (Workloads) in eu-west-1", alert.EmailBody, StringComparison.Ordinal);
        Assert.Equal("Workloads", (await context.Store.ReadNamesAsync(CancellationToken.None))[AccountB]);
    }

    [Fact]
    public async Task CheckAsync_WhenTheAccountNamesCannotBeRecorded_ShouldStillAlert()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var listing = new AccountListing(new Dictionary<string, string> { [AccountA] = "Workloads" }, "999900001111");
        var watch = context.Watch(pager, directory: new ListedAccounts(listing), store: new FailingStateStore(context.Store, failures: 0, namesFail: true));
        await watch.RecordAsync(A, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(1, result.Silent);
        Assert.Contains("recording the account names", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Contains($"member {AccountA} (Workloads) in eu-west-1", Assert.Single(pager.Published).EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_WhenAMemberRegionOutsideTheExpectedRegionsSentHeartbeats_ShouldWatchItToo()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, accounts: [AccountA], regions: ["eu-west-1"]);
        var elsewhere = new MemberId(AccountA, "ap-south-1");
        await watch.RecordAsync(A, Start, CancellationToken.None);
        await watch.RecordAsync(elsewhere, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(2.5));
        await watch.RecordAsync(A, context.Clock.GetUtcNow(), CancellationToken.None);

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(2, result.Expected);
        Assert.Equal($"GuardAlerts: member {AccountA} ap-south-1 silent for 2 h 30 min", Assert.Single(pager.Published).Subject);
    }

    [Fact]
    public async Task CheckAsync_WhenTheCentralAccountIsListed_ShouldExpectOnlyTheRegionsWhereItSentHeartbeats()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, accounts: [Central], regions: ["eu-west-1"]);
        // The central stack runs in eu-west-1 (its canary watches it); a member stack in ap-south-1 forwards GuardDuty.
        await watch.RecordAsync(new MemberId(Central, "ap-south-1"), Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(5));

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(1, result.Expected);
        Assert.Equal($"GuardAlerts: member {Central} ap-south-1 silent for 5 h 0 min", Assert.Single(pager.Published).Subject);
    }

    [Fact]
    public async Task CheckAsync_ForAThousandAccountsInFourRegions_ShouldReadThemWithFortyBatchGetItemCalls()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var accounts = Enumerable.Range(0, 1000).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var watch = context.Watch(pager, accounts: accounts, regions: ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"]);
        await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(1));
        context.Counter.Reset();

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(4000, result.Expected);
        // The registry, then the 4,000 member items 100 at a time; nobody is silent yet, so nothing is written.
        Assert.Equal(["GetItem", .. Enumerable.Repeat("BatchGetItem", 40)], context.Counter.Operations);
        Assert.Empty(pager.Published);
    }
}
