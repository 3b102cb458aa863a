using System.Diagnostics;

namespace GuardAlerts.Testing.Servers;

/// <summary>Runs a script from tools/node with JSON on stdin and returns its stdout.</summary>
public static class NodeScript
{
    public static async Task<string> RunAsync(string script, string stdin)
    {
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = RepoPaths.RequireNodeTools(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited {process.ExitCode}: {await stderr}");
        }

        return (await stdout).Trim();
    }
}
