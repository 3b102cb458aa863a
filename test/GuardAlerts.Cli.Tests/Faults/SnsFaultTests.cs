using GuardAlerts.Testing.Servers;
using Xunit.Abstractions;

namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>SNS failing under a real replay (dynalite as DynamoDB, the capture server as SNS, scripted errors).</summary>
[Trait("Category", "Integration")]
public sealed class SnsFaultTests : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private static readonly string Throttled = CaptureServer.Error("Sender", "Throttling", "Rate exceeded");
    private static readonly string Internal = CaptureServer.Error("Receiver", "InternalError", "Internal failure");
    private static readonly string Unavailable = CaptureServer.Error("Receiver", "ServiceUnavailable", "Service unavailable");

    private readonly CaptureServer _sns = new();
    private readonly FaultRig _rig;
    private readonly ITestOutputHelper _output;

    public SnsFaultTests(DynaliteFixture dynalite, ITestOutputHelper output)
    {
        _rig = new FaultRig(dynalite.ServiceUrl, _sns);
        _output = output;
    }

    public Task InitializeAsync() => _rig.CreateTableAsync();

    public async Task DisposeAsync() => await _sns.DisposeAsync();

    [Fact]
    public async Task Replay_WhenSnsThrottlesOrFailsForTheFirstAttempts_ShouldPublishEveryAlertExactlyOnce()
    {
        var expected = await FaultRig.ExpectedAlertKeysAsync();
        // Each group is what one publish meets before it succeeds: at most 3 failures (the budget is 4 attempts).
        string[][] groups =
        [
            [Throttled, Throttled, Throttled],
            [Internal, Internal, Internal],
            [Throttled, Internal],
            [Unavailable],
            [Internal, Throttled, Unavailable],
            [Throttled],
        ];
        var faults = 0;
        foreach (var group in groups)
        {
            foreach (var body in group)
            {
                _sns.Enqueue(body == Throttled ? 400 : body == Internal ? 500 : 503, body);
                faults++;
            }

            _sns.Enqueue(200, CaptureServer.Success($"after-{faults}"));
        }

        var run = await _rig.ReplayAsync();

        var counts = PublishedAlerts.Count("SNS throttling/5xx for the first attempts", faults, expected, _sns);
        _output.WriteLine(run.ToString());
        _output.WriteLine(counts.ToString());
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(faults, _sns.Requests.Count(r => r.Status != 200));
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(0, counts.Losses);
        Assert.Equal(expected.Count, counts.AlertsPublished);
    }

    [Fact]
    public async Task Replay_WhenSnsIsDownLongerThanTheRetryBudget_ShouldFailTheEventReleaseTheClaimAndPublishItOnceOnRetry()
    {
        var expected = await FaultRig.ExpectedAlertKeysAsync();
        // Two outages, each longer than a publish's 4 attempts: the first alert and a later one fail for good.
        const int Budget = 4;
        for (var i = 0; i < Budget; i++)
        {
            _sns.Enqueue(503, Unavailable);
        }

        for (var i = 0; i < 10; i++)
        {
            _sns.Enqueue(200, CaptureServer.Success($"between-{i}"));
        }

        for (var i = 0; i < Budget; i++)
        {
            _sns.Enqueue(500, Internal);
        }

        var first = await _rig.ReplayAsync();
        var afterFirst = PublishedAlerts.Keys(_sns);
        var missing = expected.Where(k => !afterFirst.Contains(k)).ToList();
        var retry = await _rig.ReplayAsync();

        var counts = PublishedAlerts.Count("SNS down longer than the retry budget, then a retry", 2 * Budget, expected, _sns);
        _output.WriteLine($"first run: {first}; retry: {retry}");
        _output.WriteLine(counts.ToString());
        Assert.Equal(1, first.ExitCode);
        Assert.Equal(2, first.Failed);
        Assert.Equal(2, missing.Count);
        // The claims were released: the retry won them at once (no lease to wait for) and published each once.
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Equal(0, retry.PendingClaims);
        Assert.Equal(missing.Order(StringComparer.Ordinal), FaultRig.AlertKeys(retry.Records).Order(StringComparer.Ordinal));
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(0, counts.Losses);
    }
}
