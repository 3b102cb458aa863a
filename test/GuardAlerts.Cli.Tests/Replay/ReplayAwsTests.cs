using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Cli.Tests.Faults;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>The replay's real path: dynalite as DynamoDB, a capture server as SNS, reached through the AWS endpoint variables.</summary>
[Trait("Category", "Integration")]
public sealed class ReplayAwsTests : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private const string Topic = "arn:aws:sns:us-east-1:111122223333:guard-alerts";
    private readonly DynaliteFixture _dynalite;
    private readonly CaptureServer _sns = new();
    private readonly string _table = "ledger-" + Guid.NewGuid().ToString("n")[..12];

    public ReplayAwsTests(DynaliteFixture dynalite) => _dynalite = dynalite;

    private Dictionary<string, string> Environment => new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDLOCAL",
        ["AWS_SECRET_ACCESS_KEY"] = "local-secret",
        ["AWS_ENDPOINT_URL_DYNAMODB"] = _dynalite.ServiceUrl.ToString(),
        ["AWS_ENDPOINT_URL_SNS"] = _sns.Endpoint.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _sns.DisposeAsync();

    private async Task<List<(string Outcome, string? DedupKey, string? Reason)>> ReplayAsync(params string[] extra)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment, ["replay", "events", "--format", "jsonl", "--table", _table, "--topic-arn", Topic, .. extra]);
        Assert.True(exit == 0, stderr);
        return FaultRig.Records(stdout);
    }

    [Fact]
    public async Task Replay_WhenRunTwiceAgainstOneTable_ShouldPublishEveryAlertOnceInTotal()
    {
        var first = await ReplayAsync("--create-table");
        var publishedFirst = _sns.Requests.Count;
        var second = await ReplayAsync();

        var alerts = FaultRig.AlertKeys(first).Count();
        Assert.True(alerts > 50, $"{alerts} alerts");
        Assert.Equal(alerts, publishedFirst);
        Assert.Equal(publishedFirst, _sns.Requests.Count);
        Assert.Empty(FaultRig.AlertKeys(second));
        // Every event that alerted on its own, or was a duplicate, is a duplicate the second time; a line that showed a
        // threshold crossing names the event's own outcome in its reason.
        Assert.Equal(first.Count(r => OwnOutcome(r) is "alert" or "duplicate"), second.Count(r => r.Outcome == "duplicate"));
    }

    [Fact]
    public async Task Replay_WhenTwoRunInParallel_ShouldPublishEachAlertOnceInTotal()
    {
        var (_, local, _) = await CliProcess.RunAsync("replay", "events", "--format", "jsonl");
        var expected = FaultRig.AlertKeys(FaultRig.Records(local)).Count();
        var empty = CliProcess.TempDir();
        var (created, _, createErr) = await CliProcess.RunAsync(Environment, "replay", empty, "--table", _table, "--topic-arn", Topic, "--create-table");
        Assert.True(created == 0, createErr);

        var runs = await Task.WhenAll(
            CliProcess.RunAsync(Environment, "replay", "events", "--format", "jsonl", "--table", _table, "--topic-arn", Topic),
            CliProcess.RunAsync(Environment, "replay", "events", "--format", "jsonl", "--table", _table, "--topic-arn", Topic));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.True(expected > 50, $"{expected} alerts");
        Assert.Equal(expected, _sns.Requests.Count);
        var alertsAcrossRuns = runs.Sum(r => FaultRig.AlertKeys(FaultRig.Records(r.Stdout)).Count());
        Assert.Equal(expected, alertsAcrossRuns);
    }

    private static string OwnOutcome((string Outcome, string? DedupKey, string? Reason) r) =>
        r.Outcome == "alert" && System.Text.RegularExpressions.Regex.Match(r.Reason ?? "", @"the event itself: (\w+)") is { Success: true } m
            ? m.Groups[1].Value
            : r.Outcome;
}
