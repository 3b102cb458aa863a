using System.Diagnostics;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>A replay running in a child process that a test can let finish or kill (SIGKILL) at a chosen moment.</summary>
internal sealed class RunningReplay : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public RunningReplay(FaultRig rig)
    {
        _process = CliProcess.Start(rig.Environment, rig.ReplayArguments());
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process as a crash would (SIGKILL on Linux): no finally blocks, no flush, no release.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<ReplayRun> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(timeout.Token);
        return new ReplayRun(_process.ExitCode, FaultRig.Records(await _stdout), await _stderr);
    }

    /// <summary>Waits until <paramref name="condition"/> holds or the process exits; true if the condition held.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(1))
            {
                return false;
            }

            await Task.Delay(2);
        }

        return true;
    }

    public void Dispose() => _process.Dispose();
}
