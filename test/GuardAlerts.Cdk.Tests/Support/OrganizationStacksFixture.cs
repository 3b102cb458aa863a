using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>
/// The organization deployments, synthesized in-process as `cdk synth` would: a central stack admitting an
/// organization, one admitting listed accounts, a member that forwards GuardDuty findings and one that does not. The
/// central stacks' function package is a stand-in folder; the member has none.
/// </summary>
public sealed class OrganizationStacksFixture : IDisposable
{
    public const string OrganizationId = "o-a1b2c3d4e5";
    public const string CentralAccount = "111122223333";
    public const string MemberAccount = "444455556666";
    public const string Region = "eu-west-1";
    public const string CentralBusArn = $"arn:aws:events:{Region}:{CentralAccount}:event-bus/GuardAlerts-{Region}-CentralBus";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-org-" + Guid.NewGuid().ToString("N"));

    public OrganizationStacksFixture()
    {
        // The package's layout is the stack's (the bootstrap's folder and the policy layer's), as for the default stacks.
        var package = InProcessStacksFixture.StandInPackage(Path.Combine(_root, "package"), GuardAlerts.Testing.RepoPaths.Config);

        CentralOrganization = Synth("central-org", new() { ["deployment"] = "central", ["organizationId"] = OrganizationId, ["accountNames"] = InProcessStacksFixture.AccountNames },
            (app, settings) => GuardAlertsApp.AddStacks(app, settings, RiskTables.Repo(), package, CentralAccount, Region).Single());
        CentralAccounts = Synth("central-accounts", new() { ["deployment"] = "central", ["memberAccounts"] = $"{MemberAccount},777788889999" },
            (app, settings) => GuardAlertsApp.AddStacks(app, settings, RiskTables.Repo(), package, CentralAccount, Region).Single());
        Member = Synth("member", new() { ["deployment"] = "member", ["centralBusArn"] = CentralBusArn, ["forwardGuardDuty"] = "true" },
            (app, settings) => GuardAlertsApp.AddMemberStack(app, settings, RiskTables.Repo()));
        MemberWithoutGuardDuty = Synth("member-default", new() { ["deployment"] = "member", ["centralBusArn"] = CentralBusArn },
            (app, settings) => GuardAlertsApp.AddMemberStack(app, settings, RiskTables.Repo()));
    }

    public Synthesized CentralOrganization { get; }

    public Synthesized CentralAccounts { get; }

    /// <summary>A member with forwardGuardDuty=true.</summary>
    public Synthesized Member { get; }

    public Synthesized MemberWithoutGuardDuty { get; }

    /// <summary>Every template, for cfn-lint.</summary>
    public IReadOnlyList<string> TemplatePaths => [CentralOrganization.TemplatePath, CentralAccounts.TemplatePath, Member.TemplatePath, MemberWithoutGuardDuty.TemplatePath];

    private Synthesized Synth(string name, Dictionary<string, object> context, Func<App, DeploymentSettings, Amazon.CDK.Stack> add)
    {
        var outdir = Path.Combine(_root, name);
        // Every central needs a subscriber; allowNoSubscribers is refused in a member.
        if ((string)context["deployment"] == "central")
        {
            context["allowNoSubscribers"] = "true";
        }

        // As the real synth's tests deploy: every threshold rule routed, so every sample that must reach a function can.
        context["countReadOnlyCalls"] = "true";
        var app = new App(new AppProps { Outdir = outdir, Context = context });
        var stack = add(app, DeploymentSettings.FromContext(app.Node.TryGetContext, context.Keys));
        var assembly = app.Synth();
        var path = Path.Combine(assembly.Directory, stack.TemplateFile);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        return new Synthesized(stack.StackName, path, json, Template.FromString(json.ToJsonString()), JsonNode.Parse(File.ReadAllText(Path.Combine(outdir, "manifest.json")))!);
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

    /// <summary>One synthesized stack: its template (file, JSON, assertions) and its cloud assembly's manifest.</summary>
    public sealed record Synthesized(string StackName, string TemplatePath, JsonNode Json, Template Template, JsonNode Manifest);
}
