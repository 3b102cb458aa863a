using GuardAlerts.Testing.Servers;
using Xunit.Abstractions;

namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>
/// DynamoDB (dynalite) crashing mid-replay and coming back. dynalite keeps its tables in a LevelDB store here
/// (--path): an in-memory dynalite loses every table on restart, which no real DynamoDB outage does, so only a
/// persistent one makes "no alert lost, none sent twice" a question about the pipeline rather than the emulator.
/// The server is killed with SIGKILL (a crash, not a clean shutdown) and started again on the same port.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DynaliteOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CaptureServer _sns = new();
    private readonly string _store = Path.Combine(Path.GetTempPath(), "guard-alerts-tests", "dynalite-" + Guid.NewGuid().ToString("n"));
    private NodeServer _dynalite = null!;

    public async Task InitializeAsync() => _dynalite = await NodeServer.StartAsync("dynalite-server.js", "--path", _store);

    public async Task DisposeAsync()
    {
        await _dynalite.DisposeAsync();
        await _sns.DisposeAsync();
        try
        {
            Directory.Delete(_store, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData(0.25, 300)]
    [InlineData(0.4, 10000)]
    public async Task Replay_WhenDynaliteCrashesMidReplayAndRestarts_ShouldLoseNoAlertAndDuplicateOnlyAnnouncedOnes(double at, int downMilliseconds)
    {
        var expected = await FaultRig.ExpectedAlertKeysAsync();
        var rig = new FaultRig(_dynalite.ServiceUrl, _sns);
        await rig.CreateTableAsync();

        ReplayRun first;
        bool crashed;
        using (var replay = new RunningReplay(rig))
        {
            crashed = await replay.WaitUntilAsync(() => _sns.Requests.Count >= (int)(expected.Count * at));
            if (crashed)
            {
                await _dynalite.KillAsync();
                await Task.Delay(downMilliseconds);
                await _dynalite.RestartAsync();
            }

            first = await replay.WaitAsync();
        }

        var recovery = await rig.RecoverAsync();

        var counts = PublishedAlerts.Count($"dynalite crashed after {at:P0} of the alerts, down {downMilliseconds} ms", crashed ? 1 : 0, expected, _sns);
        // An alert SNS accepted whose confirm found the ledger down past the SDK's retries: the run says so (the
        // reason warns that a duplicate may follow the lease), so such a duplicate is announced, never silent.
        var confirmFailures = first.Records.Count(r => r.Reason?.Contains("confirming in the ledger failed", StringComparison.Ordinal) ?? false);
        output.WriteLine($"crashed run: {first}; {confirmFailures} confirms failed");
        output.WriteLine($"recovery runs: {string.Join("; ", recovery)}");
        output.WriteLine(counts.ToString());
        Assert.True(crashed, "the replay finished before the crash point");
        Assert.Equal(0, recovery[^1].ExitCode);
        Assert.Equal(0, recovery[^1].PendingClaims);
        Assert.Equal(0, counts.Losses);
        Assert.InRange(counts.Duplicates, 0, confirmFailures);
    }
}
