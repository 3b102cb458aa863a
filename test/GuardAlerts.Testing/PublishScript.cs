using System.Diagnostics;

namespace GuardAlerts.Testing;

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
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/{script} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }

        return (await stdout).Trim();
    }
}
