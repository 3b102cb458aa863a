using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Core.Config;
using GuardAlerts.Testing;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>
/// The policy files travel as their own Lambda layer: a policy edit is a new layer version and a configuration update,
/// never a new bootstrap; and a broken policy stops synth with the loader's message.
/// </summary>
// In the synth collection: the jsii runtime must not start in two test classes at once.
[Collection(CdkSynthCollection.Name)]
public sealed class PolicyLayerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private const string Exemption =
        """{"id":"ci-deploys","reason":"the CI account's deployments","owner":"platform","expires":"2099-01-01","action":"suppress","match":{"accounts":"111122223333"}}""";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "guardalerts-policy-layer-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void PolicyEdit_ShouldChangeOnlyThePolicyLayerAsset()
    {
        var before = Synth("before", Config("before", "[]"));
        var after = Synth("after", Config("after", "[" + Exemption + "]"));

        Assert.Equal(CodeKeys(before), CodeKeys(after));
        Assert.NotEqual(LayerKey(before), LayerKey(after));
    }

    [Fact]
    public void Functions_ShouldLoadThePolicyFromTheLayer()
    {
        var template = Synth("layer", Config("layer", "[]"));
        var layer = Assert.Single(TemplateJson.Resources(template, "AWS::Lambda::LayerVersion"));
        Assert.Equal(["provided.al2023"], TemplateJson.Strings(layer.Properties["CompatibleRuntimes"]));
        foreach (var (_, function) in TemplateJson.Resources(template, "AWS::Lambda::Function"))
        {
            Assert.Equal(layer.Id, TemplateJson.Ref(Assert.Single(function["Layers"]!.AsArray())));
            // Lambda extracts a layer's content into /opt; the folder in the asset is guardalerts-policy/.
            Assert.Equal("/opt/guardalerts-policy", (string)function["Environment"]!["Variables"]!["GUARDALERTS_POLICY_DIR"]!);
        }
    }

    [Fact]
    public void Load_WhenAnExemptionIsBroken_ShouldNameTheFileTheEntryAndTheField()
    {
        var config = Config("broken", "[" + Exemption.Replace("\"suppress\"", "\"mute\"", StringComparison.Ordinal) + "]");

        var error = Assert.Throws<ConfigException>(() => PolicyFiles.Load(config, Now));

        Assert.Contains(Path.Combine(config, "exemptions.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("entry 'ci-deploys', field 'action'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenARequiredFileIsMissing_ShouldNameIt()
    {
        var config = Config("missing", "[]");
        File.Delete(Path.Combine(config, "risk-table.json"));

        var error = Assert.Throws<FileNotFoundException>(() => PolicyFiles.Load(config, Now));

        Assert.Contains("risk-table.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AotInputs_OfTheBootstrap_ShouldLeaveOutThePolicyAndKeepTheSources()
    {
        // A copy of what the cache key reads, so the repository's own files are never edited under other tests.
        var copy = Path.Combine(_root, "repo");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Root, f))
            .Where(f => (f.StartsWith("src/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
                || f.StartsWith("config/", StringComparison.Ordinal) || f.StartsWith("scripts/", StringComparison.Ordinal)
                || f is "Directory.Build.props" or "Directory.Packages.props" or "global.json" or "BannedSymbols.txt" or "docs/coverage.json"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, file))!);
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(copy, file));
        }

        var bootstrap = InputsHash(copy, "--no-embedded-policy");
        var cli = InputsHash(copy);
        File.AppendAllText(Path.Combine(copy, "config", "exemptions.json"), "\n");
        Assert.Equal(bootstrap, InputsHash(copy, "--no-embedded-policy"));
        Assert.NotEqual(cli, InputsHash(copy));

        File.AppendAllText(Path.Combine(copy, "src", "GuardAlerts.Functions", "Program.cs"), "\n");
        Assert.NotEqual(bootstrap, InputsHash(copy, "--no-embedded-policy"));
    }

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

    private static string InputsHash(string root, params string[] options)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(root, "scripts", "aot-publish.sh"), "--inputs-hash", "src/GuardAlerts.Functions/GuardAlerts.Functions.csproj" }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var hash = process.StandardOutput.ReadToEnd().Trim();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && hash.Length == 16, $"aot-publish.sh --inputs-hash: exit {process.ExitCode}, '{hash}' {errors}");
        return hash;
    }

    /// <summary>A copy of the repository's config/ with <paramref name="exemptions"/> as the exemption list.</summary>
    private string Config(string name, string exemptions)
    {
        var config = Path.Combine(_root, name, "config");
        Directory.CreateDirectory(config);
        foreach (var file in Directory.GetFiles(RepoPaths.Config, "*.json"))
        {
            File.Copy(file, Path.Combine(config, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(config, "exemptions.json"), """{"exemptions":""" + exemptions + "}");
        return config;
    }

    private JsonNode Synth(string name, string config)
    {
        var package = InProcessStacksFixture.StandInPackage(Path.Combine(_root, name, "package"), config);
        var app = new App(new AppProps
        {
            Outdir = Path.Combine(_root, name, "cdk.out"),
            Context = new Dictionary<string, object> { ["alertEmails"] = "secops@example.com" },
        });
        var stack = GuardAlertsApp.AddStacks(app, DeploymentSettings.FromContext(app.Node.TryGetContext), PolicyFiles.Load(config, Now).RiskTable, package, null, null).Single();
        var assembly = app.Synth();
        return JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, stack.TemplateFile)))!;
    }

    private static List<string> CodeKeys(JsonNode template) =>
        [.. TemplateJson.Resources(template, "AWS::Lambda::Function").Select(f => (string)f.Properties["Code"]!["S3Key"]!)];

    private static string LayerKey(JsonNode template) =>
        (string)Assert.Single(TemplateJson.Resources(template, "AWS::Lambda::LayerVersion")).Properties["Content"]!["S3Key"]!;
}
