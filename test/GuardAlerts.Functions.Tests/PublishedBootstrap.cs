using GuardAlerts.Testing;
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

    /// <summary>The repository's policy files, where the stack's layer puts them for the function (GUARDALERTS_POLICY_DIR).</summary>
    public string PolicyDirectory => Path.Combine(Folder, "policy");

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

        CopyPolicy(PolicyDirectory);
    }

    /// <summary>Copies the repository's policy files into <paramref name="folder"/>, as the policy layer ships them.</summary>
    public static void CopyPolicy(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "risk-table.json", "exemptions.json", "providers.json" })
        {
            File.Copy(Path.Combine(RepoPaths.Config, file), Path.Combine(folder, file), overwrite: true);
        }
    }
}
