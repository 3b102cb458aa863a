using System.Diagnostics;

namespace GuardAlerts.Testing.Servers;

/// <summary>Runs one of the repository's Native AOT publish scripts (scripts/publish-*.sh) into a folder.</summary>
public static class PublishScript
{
    /// <summary>Runs scripts/<paramref name="script"/> with <paramref name="output"/> and returns what it printed on stdout.</summary>
    public static async Task<string> RunAsync(string script, string output)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", script));
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Only a guard against a hung build, far above any real one: the script may first wait its turn on the publish
        // lock, and usually finds its binary in the cache that ./test.sh filled before the tests started.
        using var hung = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            await process.WaitForExitAsync(hung.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/{script} did not finish in 30 minutes: {await stderr}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }

        return (await stdout).Trim();
    }
}
