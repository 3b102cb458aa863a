using GuardAlerts.Testing.Servers;

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
        await PublishScript.RunAsync("publish-functions.sh", Folder);
        if (!File.Exists(Bootstrap))
        {
            throw new InvalidOperationException($"scripts/publish-functions.sh made no {Bootstrap}");
        }
    }
}
