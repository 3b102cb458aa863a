using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Cli.Tests.Native;

/// <summary>
/// Publishes the CLI once per test run with scripts/publish-cli.sh (Native AOT, what bench/ measures and
/// docs recommend for large replays), into a temporary folder.
/// </summary>
public sealed class NativeCli : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "guard-alerts-cli", Guid.NewGuid().ToString("n"));

    public string Executable { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Executable = await PublishScript.RunAsync("publish-cli.sh", _folder);
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"scripts/publish-cli.sh printed '{Executable}', which does not exist");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
