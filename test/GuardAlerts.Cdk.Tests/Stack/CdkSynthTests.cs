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
    public void Synth_ShouldPackageTheNativeBootstrapAndThePolicyFiles()
    {
        var keys = CdkSynthFixture.Regions
            .SelectMany(r => TemplateJson.Resources(synth.Json(r), "AWS::Lambda::Function"))
            .Select(f => (string)f.Properties["Code"]!["S3Key"]!)
            .Distinct()
            .ToList();
        var hash = Path.GetFileNameWithoutExtension(Assert.Single(keys));
        var asset = Path.Combine(synth.OutputDirectory, "asset." + hash);

        var bootstrap = Path.Combine(asset, "bootstrap");
        var magic = File.ReadAllBytes(bootstrap)[..4];
        Assert.Equal(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, magic);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute), "bootstrap must be executable");
        }
        Assert.Equal(File.ReadAllBytes(RiskTables.RepoPath), File.ReadAllBytes(Path.Combine(asset, "config", "risk-table.json")));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", "exemptions.json")),
            File.ReadAllBytes(Path.Combine(asset, "config", "exemptions.json")));
        Assert.Contains("check-glibc", synth.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_ShouldFinishWithoutErrors()
    {
        Assert.Equal(0, synth.ExitCode);
        Assert.DoesNotContain("[Error", synth.Output, StringComparison.Ordinal);
        Assert.All(CdkSynthFixture.Regions, r => Assert.True(JsonNode.Parse(File.ReadAllText(synth.TemplatePath(r))) is JsonObject));
    }
}
