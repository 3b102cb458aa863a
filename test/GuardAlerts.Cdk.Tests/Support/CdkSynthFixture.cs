using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using GuardAlerts.Testing;

namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>
/// One real `cdk synth`, shared by every test in the collection: the aws-cdk CLI installed in tools/node runs the app
/// exactly as cdk.json says (dotnet run, which runs scripts/publish-functions.sh), with the settings below. Slow
/// (a Native AOT publish and jsii), so done once.
/// </summary>
public sealed class CdkSynthFixture : IDisposable
{
    public static readonly string[] Emails = ["alerts@example.com", "oncall@example.org"];
    public const string Phone = "+15551234567";
    public static readonly string[] Regions = ["us-east-1", "eu-west-1"];

    private readonly Dictionary<string, Template> _templates = new(StringComparer.Ordinal);

    public CdkSynthFixture()
    {
        OutputDirectory = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-" + Guid.NewGuid().ToString("N"));
        var cli = Path.Combine(RepoPaths.NodeTools, "node_modules", "aws-cdk", "bin", "cdk");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException($"{cli} is missing: run npm ci --prefix tools/node (./test.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            cli, "synth", "--no-notices", "--quiet", "--output", OutputDirectory,
            "-c", "alertEmails=" + string.Join(",", Emails), "-c", "alertPhones=" + Phone, "-c", "smsMinSeverity=Medium",
            "-c", "createTrail=true", "-c", "regions=" + string.Join(",", Regions), "-c", "countReadOnlyCalls=true",
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";
        // No AWS account here: keep the CLI from probing the instance metadata service for credentials.
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var name in new[] { "CDK_DEFAULT_ACCOUNT", "CDK_DEFAULT_REGION", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE" })
        {
            start.Environment.Remove(name);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("cdk synth took more than 20 minutes");
        }

        Output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
        SynthDuration = clock.Elapsed;
        ExitCode = process.ExitCode;
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"cdk synth exited {ExitCode}:\n{Output}");
        }

        Manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(OutputDirectory, "manifest.json")))!;
    }

    public string OutputDirectory { get; }

    public string Output { get; }

    public int ExitCode { get; }

    public TimeSpan SynthDuration { get; }

    public JsonNode Manifest { get; }

    public static string StackName(string region) => $"GuardAlerts-{region}";

    public JsonNode Json(string region) => JsonNode.Parse(File.ReadAllText(TemplatePath(region)))!;

    public Template Template(string region)
    {
        lock (_templates)
        {
            if (!_templates.TryGetValue(region, out var template))
            {
                _templates[region] = template = Amazon.CDK.Assertions.Template.FromString(File.ReadAllText(TemplatePath(region)));
            }

            return template;
        }
    }

    public string TemplatePath(string region) => Path.Combine(OutputDirectory, StackName(region) + ".template.json");

    public void Dispose()
    {
        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
