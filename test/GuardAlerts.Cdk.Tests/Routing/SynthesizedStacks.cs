using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>Every stack of the real `cdk synth`, deployed in its own region of one account.</summary>
public static class SynthesizedStacks
{
    public static EventBuses Buses(CdkSynthFixture synth)
    {
        ArgumentNullException.ThrowIfNull(synth);
        var stacks = new List<DeployedStack>();
        foreach (var (id, artifact) in synth.Manifest["artifacts"]!.AsObject())
        {
            if ((string?)artifact!["type"] != "aws:cloudformation:stack")
            {
                continue;
            }

            var region = ((string)artifact["environment"]!).Split('/')[^1];
            var name = (string?)artifact["properties"]?["stackName"] ?? id;
            var template = JsonNode.Parse(File.ReadAllText(Path.Combine(synth.OutputDirectory, (string)artifact["properties"]!["templateFile"]!)))!;
            stacks.Add(new DeployedStack(name, region, template));
        }

        return new EventBuses(stacks);
    }

    /// <summary>The main stack of a region: the one with the functions.</summary>
    public static DeployedStack MainStack(EventBuses buses, string region) =>
        buses.Stacks.Single(s => s.Region == region && s.Resources("AWS::Lambda::Function").Any(f => f.Properties["Handler"] is not null));
}
