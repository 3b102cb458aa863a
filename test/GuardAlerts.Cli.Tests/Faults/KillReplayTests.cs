using GuardAlerts.Testing.Servers;
using Xunit.Abstractions;

namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>
/// The replay process killed (SIGKILL) at random points of a run against the real adapters, then re-run. Delivery
/// is at least once plus ledger dedup: a kill between SNS accepting a publish and the ledger confirm leaves a pending
/// claim whose lease lapses, and the re-run publishes that alert again. So this asserts no loss, and at most one
/// duplicate per kill, and reports how many there were.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KillReplayTests : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private const int Kills = 4;
    private readonly CaptureServer _sns = new();
    private readonly FaultRig _rig;
    private readonly ITestOutputHelper _output;

    public KillReplayTests(DynaliteFixture dynalite, ITestOutputHelper output)
    {
        _rig = new FaultRig(dynalite.ServiceUrl, _sns);
        _output = output;
    }

    public Task InitializeAsync() => _rig.CreateTableAsync();

    public async Task DisposeAsync() => await _sns.DisposeAsync();

    [Fact]
    public async Task Replay_WhenKilledAtRandomPointsAndRerun_ShouldPublishEveryAlertWithoutLossAndAtMostOneDuplicatePerKill()
    {
        var expected = await FaultRig.ExpectedAlertKeysAsync();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        _output.WriteLine($"seed {seed}");
        var kills = 0;
        for (var i = 0; i < Kills; i++)
        {
            var published = _sns.Requests.Count;
            var remaining = expected.Count - published;
            if (remaining < 2)
            {
                break;
            }

            // Somewhere in this run's share of the remaining alerts, then a random few milliseconds more, so the kill
            // lands before, during or after a claim, a publish or a confirm. Timed off SNS arrivals, the kills lean
            // towards the publish-to-confirm window: the worst case for duplicates, on purpose.
            var target = published + 1 + random.Next(remaining / (Kills - i + 1));
            var extraMilliseconds = random.Next(0, 40);
            using var replay = new RunningReplay(_rig);
            if (await replay.WaitUntilAsync(() => _sns.Requests.Count >= target))
            {
                await Task.Delay(extraMilliseconds);
                if (!replay.HasExited)
                {
                    replay.Kill();
                    kills++;
                }
            }

            var run = await replay.WaitAsync();
            _output.WriteLine($"run {i + 1}: kill after publish #{target} + {extraMilliseconds} ms; {_sns.Requests.Count} published by then; {run}");
        }

        // The killed runs' claims are pending until their lease lapses; the recovery waits for it and re-runs.
        await Task.Delay(TimeSpan.FromSeconds(FaultRig.LeaseSeconds + 1));
        var recovery = await _rig.RecoverAsync();

        var counts = PublishedAlerts.Count($"replay SIGKILLed {kills} times, then re-run", kills, expected, _sns);
        _output.WriteLine($"recovery runs: {string.Join("; ", recovery)}");
        _output.WriteLine(counts.ToString());
        Assert.True(kills >= 2, $"only {kills} kills landed");
        Assert.Equal(0, recovery[^1].ExitCode);
        Assert.Equal(0, recovery[^1].PendingClaims);
        Assert.Equal(0, counts.Losses);
        Assert.InRange(counts.Duplicates, 0, kills);
    }
}
