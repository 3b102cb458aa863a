using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Testing;

namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>
/// Variants the real synth does not cover, in one in-process app: the defaults (only allowNoSubscribers and
/// accountNames: no subscriptions, no trail, one stack in the CLI's region) and a risk table with read-only calls. The functions' package is a stand-in
/// folder here; the real build is proven by <see cref="CdkSynthFixture"/>.
/// </summary>
public sealed class InProcessStacksFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-inproc-" + Guid.NewGuid().ToString("N"));

    /// <summary>The defaults' accountNames setting.</summary>
    public const string AccountNames = "111122223333=prod,444455556666=Staging EU";

    public InProcessStacksFixture()
    {
        var package = StandInPackage(Path.Combine(_root, "package"), Path.Combine(RepoPaths.Root, "config"));

        var app = new App(new AppProps
        {
            Outdir = Path.Combine(_root, "cdk.out"),
            Context = new Dictionary<string, object> { ["allowNoSubscribers"] = "true", ["accountNames"] = AccountNames },
        });
        var defaults = DeploymentSettings.FromContext(app.Node.TryGetContext);
        Defaults = GuardAlertsApp.AddStacks(app, defaults, RiskTables.Repo(), package, null, null).Single();
        ReadOnly = new GuardAlertsStack(app, "GuardAlertsReadOnly", new GuardAlertsStackProps
        {
            Settings = defaults,
            RiskTable = RiskTables.WithReadOnlyRule(),
            FunctionPackage = package,
        });
        // One synth for both stacks; the templates are read from the cloud assembly.
        var assembly = app.Synth();
        DefaultsJson = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, Defaults.TemplateFile)))!;
        ReadOnlyJson = JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, ReadOnly.TemplateFile)))!;
        DefaultsTemplate = Template.FromString(DefaultsJson.ToJsonString());
        ReadOnlyTemplate = Template.FromString(ReadOnlyJson.ToJsonString());
    }

    /// <summary>
    /// A functions package as <see cref="FunctionPackage.Build"/> lays it out, with a stand-in bootstrap and the policy
    /// of <paramref name="config"/> (validated as synth validates it).
    /// </summary>
    internal static string StandInPackage(string folder, string config)
    {
        Directory.CreateDirectory(Path.Combine(folder, FunctionPackage.CodeFolder));
        File.WriteAllText(Path.Combine(folder, FunctionPackage.CodeFolder, "bootstrap"), "stand-in for the Native AOT binary\n");
        PolicyFiles.Load(config, DateTimeOffset.UtcNow).WriteTo(Path.Combine(folder, FunctionPackage.PolicyFolder, FunctionPackage.LayerDirectory));
        return folder;
    }

    /// <summary>The stand-in functions package, for more in-process stacks.</summary>
    public string Package => Path.Combine(_root, "package");

    public JsonNode DefaultsJson { get; }

    public JsonNode ReadOnlyJson { get; }

    internal GuardAlertsStack Defaults { get; }

    internal GuardAlertsStack ReadOnly { get; }

    public Template DefaultsTemplate { get; }

    public Template ReadOnlyTemplate { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
