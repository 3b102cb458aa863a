using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;
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

    private async Task<List<string>> ReplayAsync(params string[] extra)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment, ["replay", "events", "--format", "jsonl", "--table", _table, "--topic-arn", Topic, .. extra]);
        Assert.True(exit == 0, stderr);
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("outcome").GetString()!)
            .ToList();
    }

    [Fact]
    public async Task Replay_WhenRunTwiceAgainstOneTable_ShouldPublishEveryAlertOnceInTotal()
    {
        var first = await ReplayAsync("--create-table");
        var publishedFirst = _sns.Requests.Count;
        var second = await ReplayAsync();

        var alerts = first.Count(o => o == "alert");
        Assert.True(alerts > 50, $"{alerts} alerts");
        Assert.Equal(alerts, publishedFirst);
        Assert.Equal(publishedFirst, _sns.Requests.Count);
        Assert.DoesNotContain("alert", second);
        Assert.Equal(first.Count(o => o is "alert" or "duplicate"), second.Count(o => o == "duplicate"));
    }

    [Fact]
    public async Task Replay_WhenTwoRunInParallel_ShouldPublishEachAlertOnceInTotal()
    {
        var (_, local, _) = await CliProcess.RunAsync("replay", "events", "--format", "jsonl");
        var expected = local.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("\"outcome\":\"alert\"", StringComparison.Ordinal));
        var empty = CliProcess.TempDir();
        var (created, _, createErr) = await CliProcess.RunAsync(Environment, "replay", empty, "--table", _table, "--topic-arn", Topic, "--create-table");
        Assert.True(created == 0, createErr);

        var runs = await Task.WhenAll(
            CliProcess.RunAsync(Environment, "replay", "events", "--format", "jsonl", "--table", _table, "--topic-arn", Topic),
            CliProcess.RunAsync(Environment, "replay", "events", "--format", "jsonl", "--table", _table, "--topic-arn", Topic));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.True(expected > 50, $"{expected} alerts");
        Assert.Equal(expected, _sns.Requests.Count);
        var alertsAcrossRuns = runs.Sum(r => r.Stdout.Split('\n').Count(l => l.Contains("\"outcome\":\"alert\"", StringComparison.Ordinal)));
        Assert.Equal(expected, alertsAcrossRuns);
    }
}
