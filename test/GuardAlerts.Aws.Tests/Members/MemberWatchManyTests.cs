using System.Globalization;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Members;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;
using static GuardAlerts.Aws.Tests.Members.MemberWatchContext;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>
/// The check when many members change at once (one message, not one SMS per member) and when one member's write
/// fails (the others are still told), and when AWS Organizations cannot be read after an account left, over the real
/// store on dynalite with a fake clock.
/// </summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MemberWatchManyTests(DynaliteFixture dynalite)
{
    private static List<string> Accounts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (200000000000L + i).ToString(CultureInfo.InvariantCulture))];

    private static async Task HeardAsync(MemberWatch watch, IEnumerable<string> accounts, DateTimeOffset time)
    {
        foreach (var account in accounts)
        {
            await watch.RecordAsync(new MemberId(account, "eu-west-1"), time, CancellationToken.None);
        }
    }

    [Fact]
    public async Task CheckAsync_WhenManyMembersGoSilentTogether_ShouldSendOneMessageListingEachAndTellTheirRecoveryOnce()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var accounts = Accounts(MemberWatch.MaxSingleMessages + 15);
        var watch = context.Watch(pager, accounts: accounts);
        await HeardAsync(watch, accounts, Start);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var first = await watch.CheckAsync(CancellationToken.None);
        var again = await watch.CheckAsync(CancellationToken.None);
        await HeardAsync(watch, accounts, context.Clock.GetUtcNow());
        var heard = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal((25, 0, 25), (first.Silent, again.Silent, heard.Recovered));
        Assert.Equal(2, pager.Count);
        var silent = pager.Published[0];
        Assert.Equal("GuardAlerts: 25 member regions silent for 3 h 0 min or more", silent.Subject);
        Assert.All(accounts, a => Assert.Contains($"- {a}  eu-west-1  2026-12-01 00:00 UTC  3 h 0 min", silent.EmailBody, StringComparison.Ordinal));
        Assert.True(silent.Sms.Length <= 140, silent.Sms);
        Assert.Equal("GuardAlerts: 25 member regions heard again", pager.Published[1].Subject);
        Assert.All(accounts, a => Assert.Contains($"- {a}  eu-west-1  2026-12-01 03:00 UTC  3 h 0 min", pager.Published[1].EmailBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_WhenAtMostTheSingleMessageLimitGoSilent_ShouldSendOneMessageEach()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var accounts = Accounts(MemberWatch.MaxSingleMessages);
        var watch = context.Watch(pager, accounts: accounts);
        await HeardAsync(watch, accounts, Start);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal(MemberWatch.MaxSingleMessages, result.Silent);
        Assert.Equal(accounts.Select(a => $"GuardAlerts: member {a} eu-west-1 silent for 3 h 0 min"), pager.Published.Select(p => p.Subject));
    }

    [Fact]
    public async Task CheckAsync_WhenTheManyMembersMessageFails_ShouldSendItOnTheNextCheck()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher(failFirst: 1);
        var accounts = Accounts(MemberWatch.MaxSingleMessages + 1);
        var watch = context.Watch(pager, accounts: accounts);
        await HeardAsync(watch, accounts, Start);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var failed = await watch.CheckAsync(CancellationToken.None);
        var retried = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal((0, 11), (failed.Silent, retried.Silent));
        Assert.Contains("SNS is down", Assert.Single(failed.Problems), StringComparison.Ordinal);
        Assert.Equal("GuardAlerts: 11 member regions silent for 3 h 0 min or more", Assert.Single(pager.Published).Subject);
    }

    [Fact]
    public async Task CheckAsync_WhenRecordingAFirstExpectedTimeFails_ShouldStillAlertTheOthers()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var heard = new MemberId(AccountA, "eu-west-1");
        var watch = context.Watch(pager, accounts: [AccountA, AccountB], store: new FailingStateStore(context.Store, failures: 0, markExpectedFails: true));
        await watch.RecordAsync(heard, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal($"GuardAlerts: member {AccountA} eu-west-1 silent for 3 h 0 min", Assert.Single(pager.Published).Subject);
        Assert.Contains($"{AccountB}:eu-west-1: recording when it was first expected", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_WhenTheAccountNamesCannotBeRead_ShouldStillAlertWithTheId()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var heard = new MemberId(AccountA, "eu-west-1");
        var watch = context.Watch(pager, accounts: [AccountA], store: new FailingStateStore(context.Store, failures: 0, namesReadFails: true));
        await watch.RecordAsync(heard, Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var result = await watch.CheckAsync(CancellationToken.None);

        Assert.Equal($"GuardAlerts: member {AccountA} eu-west-1 silent for 3 h 0 min", Assert.Single(pager.Published).Subject);
        Assert.Contains("reading the account names", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_WhenOrganizationsIsThrottledAfterAnAccountLeft_ShouldStillNotExpectIt()
    {
        using var context = await CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        // A sent heartbeats (so it is in the registry), then left; B is ACTIVE and heard. The second read is throttled.
        var listing = new AccountListing(new Dictionary<string, string> { [AccountB] = "Workloads", [Central] = "Security" }, "999900001111");
        var watch = context.Watch(pager, directory: new ListedAccounts(listing, answers: 1));
        await watch.RecordAsync(new MemberId(AccountA, "eu-west-1"), Start, CancellationToken.None);
        await watch.RecordAsync(new MemberId(AccountB, "eu-west-1"), Start, CancellationToken.None);
        await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));
        await watch.RecordAsync(new MemberId(AccountB, "eu-west-1"), context.Clock.GetUtcNow(), CancellationToken.None);

        var throttled = await watch.CheckAsync(CancellationToken.None);

        Assert.Contains("TooManyRequestsException", throttled.ListError, StringComparison.Ordinal);
        Assert.Equal(1, throttled.Expected);
        Assert.Equal(0, throttled.Silent);
        Assert.Equal("GuardAlerts: the expected member accounts could not be read", Assert.Single(pager.Published).Subject);
    }
}
