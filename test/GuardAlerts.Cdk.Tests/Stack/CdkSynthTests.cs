using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Testing;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>`cdk synth` itself: the CLI runs the app from cdk.json, which builds the functions as part of synth.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class CdkSynthTests(CdkSynthFixture synth)
{
    [Fact]
    public void Synth_WithRegions_ShouldProduceOneStackPerRegion()
    {
        var artifacts = synth.Manifest["artifacts"]!.AsObject();
        foreach (var region in CdkSynthFixture.Regions)
        {
            var stack = artifacts[CdkSynthFixture.StackName(region)]!;
            Assert.Equal("aws:cloudformation:stack", (string)stack["type"]!);
            Assert.Equal($"aws://unknown-account/{region}", (string)stack["environment"]!);
        }

        // Outside us-east-1, each region's stack has a companion there that forwards IAM's events to it.
        var companion = artifacts["GuardAlerts-eu-west-1-GlobalEvents"]!;
        Assert.Equal("aws://unknown-account/us-east-1", (string)companion["environment"]!);
        Assert.Equal(CdkSynthFixture.Regions.Length + 1, artifacts.Count(a => (string?)a.Value!["type"] == "aws:cloudformation:stack"));
    }

    [Fact]
    public void Synth_ShouldPackageTheNativeBootstrapAloneAndThePolicyFilesAsALayer()
    {
        var code = Asset(CdkSynthFixture.Regions.SelectMany(r => TemplateJson.Resources(synth.Json(r), "AWS::Lambda::Function"))
            .Select(f => (string)f.Properties["Code"]!["S3Key"]!));
        var bootstrap = Path.Combine(code, "bootstrap");
        var magic = File.ReadAllBytes(bootstrap)[..4];
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute), "bootstrap must be executable");
        }

        // The code asset is the binary alone: a policy file in it would make every policy edit a new code asset.
        Assert.Equal(["bootstrap"], Directory.GetFileSystemEntries(code).Select(Path.GetFileName));

        var layer = Asset(CdkSynthFixture.Regions.SelectMany(r => TemplateJson.Resources(synth.Json(r), "AWS::Lambda::LayerVersion"))
            .Select(l => (string)l.Properties["Content"]!["S3Key"]!));
        foreach (var file in new[] { "risk-table.json", "exemptions.json", "providers.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", file)), File.ReadAllBytes(Path.Combine(layer, "guardalerts-policy", file)));
        }

        Assert.Contains("check-glibc", synth.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_ShouldBuildTheBootstrapWithoutTheEmbeddedPolicy()
    {
        var bootstrap = File.ReadAllBytes(Path.Combine(Asset(TemplateJson.Resources(synth.Json("us-east-1"), "AWS::Lambda::Function")
            .Select(f => (string)f.Properties["Code"]!["S3Key"]!)), "bootstrap"));

        // Core embeds the files byte for byte when it embeds them (the CLI does): absent here, so the function has no
        // built-in policy to fall back to.
        foreach (var file in new[] { "risk-table.json", "exemptions.json" })
        {
            Assert.Equal(-1, bootstrap.AsSpan().IndexOf(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", file))));
        }
    }

    private string Asset(IEnumerable<string> keys) =>
        Path.Combine(synth.OutputDirectory, "asset." + Path.GetFileNameWithoutExtension(Assert.Single(keys.Distinct())));

    [Fact]
    public void Synth_ShouldFinishWithoutErrors()
    {
        Assert.Equal(0, synth.ExitCode);
        Assert.DoesNotContain("[Error", synth.Output, StringComparison.Ordinal);
        Assert.All(CdkSynthFixture.Regions, r => Assert.True(JsonNode.Parse(File.ReadAllText(synth.TemplatePath(r))) is JsonObject));
    }
}
