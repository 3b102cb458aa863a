using System.Diagnostics;

namespace GuardAlerts.Cli.Tests.Support;

/// <summary>Runs the real guard-alerts CLI (the built assembly) as a child process.</summary>
internal static class CliProcess
{
    public static string RepoRoot { get; } = FindRoot();

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunAsync(null, environment, args);

    /// <summary>Runs <paramref name="executable"/> (a Native AOT guard-alerts), or the built assembly when null.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? executable, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, args, executable);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI with redirected output; the caller reads the output, waits or kills it, and disposes it.</summary>
    public static Process Start(IReadOnlyDictionary<string, string> environment, string[] args, string? executable = null)
    {
        var start = new ProcessStartInfo(executable ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        if (executable is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "guard-alerts.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "guard-alerts-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuardAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GuardAlerts.sln not found above " + AppContext.BaseDirectory);
    }
}
