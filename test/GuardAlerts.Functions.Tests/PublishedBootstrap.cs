using System.Diagnostics;
using GuardAlerts.Testing;

namespace GuardAlerts.Functions.Tests;

/// <summary>
/// Publishes the real deployable folder once per test run with scripts/publish-functions.sh (Native AOT, as the CDK
/// stack ships it) and starts dynalite. Both are shared by the function tests.
/// </summary>
public sealed class PublishedBootstrap : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "guard-alerts-functions", Guid.NewGuid().ToString("n"));

    public string Bootstrap => Path.Combine(Folder, "bootstrap");

    public DynaliteFixture Dynalite { get; } = new();

    public async Task InitializeAsync()
    {
        var publish = Task.Run(PublishAsync);
        await Dynalite.InitializeAsync();
        await publish;
    }

    public async Task DisposeAsync()
    {
        await Dynalite.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task PublishAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "publish-functions.sh"));
        start.ArgumentList.Add(Folder);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        if (process.ExitCode != 0 || !File.Exists(Bootstrap))
        {
            throw new InvalidOperationException($"scripts/publish-functions.sh failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
