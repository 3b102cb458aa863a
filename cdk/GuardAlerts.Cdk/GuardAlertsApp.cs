using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Constructs;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>
/// Builds the stacks of one deployment: one per region named with `-c regions=...`, else one in the CLI's region;
/// beside each stack outside us-east-1, its <see cref="GlobalEventsStack"/> in us-east-1. The global services'
/// events (IAM, STS's global endpoint, sign-in, ...) reach EventBridge in us-east-1 only: a deployment with a
/// us-east-1 stack handles them there; one without has the first other region's companion forward them, and only
/// that one, so each event is alerted on once.
/// </summary>
internal static class GuardAlertsApp
{
    public const string StackName = "GuardAlerts";

    public static IReadOnlyList<GuardAlertsStack> AddStacks(App app, DeploymentSettings settings, RiskTable table, string functionPackage, string? account, string? region)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<string?> regions = settings.Regions.Count == 0 ? [region] : [.. settings.Regions];
        if (ReadOnlyThresholdsLeftOut(table, settings) is { } note)
        {
            Console.Error.WriteLine(note);
        }

        table = Routed(table, settings);
        var globalEventsRegion = regions.Contains(GlobalEventsStack.HomeRegion) ? null : regions[0];
        return regions.Select(r => Stack(app, settings.Regions.Count == 0 ? StackName : $"{StackName}-{r}", settings, table, functionPackage, account, r,
            forwardGlobalServices: r is not null && r == globalEventsRegion)).ToList();
    }

    /// <summary>
    /// A member deployment: one region-agnostic stack, <see cref="MemberStack"/>, whose template a StackSet deploys to
    /// every account and region. Its rules are generated from the same routed table as the central stack's.
    /// </summary>
    public static MemberStack AddMemberStack(App app, DeploymentSettings settings, RiskTable table)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ReadOnlyThresholdsLeftOut(table, settings) is { } note)
        {
            Console.Error.WriteLine(note);
        }

        return new MemberStack(app, MemberStack.MemberStackName, new MemberStackProps
        {
            Description = "GuardAlerts member: forwards this account's security events to the central GuardAlerts stack",
            Settings = settings,
            RiskTable = Routed(table, settings),
        });
    }

    /// <summary>
    /// What a deployment without countReadOnlyCalls=true does not count, said when it is synthesized (the threshold
    /// rules on read-only calls are in the table and in the coverage document, so nothing else would tell); null when
    /// nothing is left out.
    /// </summary>
    public static string? ReadOnlyThresholdsLeftOut(RiskTable table, DeploymentSettings settings)
    {
        var left = table.ThresholdRules.Where(r => r.ReadOnlyCalls).Select(r => r.Id).ToList();
        return settings.CountReadOnlyCalls || left.Count == 0
            ? null
            : $"GuardAlerts: {ContextKeys.CountReadOnlyCalls} is off, so the threshold rules on read-only calls ({string.Join(", ", left)}) "
                + "get no EventBridge rules: the functions count only the calls other rules deliver (a refused write call, never a secret "
                + $"read), and replay counts them all. Deploy with -c {ContextKeys.CountReadOnlyCalls}=true to count them (cost: docs/deploy.md).";
    }

    /// <summary>
    /// The table the EventBridge rules are generated from: without the threshold rules on read-only calls unless
    /// countReadOnlyCalls=true. The functions still apply the whole table to whatever reaches them.
    /// </summary>
    public static RiskTable Routed(RiskTable table, DeploymentSettings settings) => settings.CountReadOnlyCalls
        ? table
        : new RiskTable([.. table.Rules.Where(r => r.Threshold is null || !r.ReadOnlyCalls)], table.MinimumSeverity, table.LowerFailedCallsBy);

    private static GuardAlertsStack Stack(
        App app, string id, DeploymentSettings settings, RiskTable table, string functionPackage, string? account, string? region, bool forwardGlobalServices)
    {
        // The trail is multi-region, so exactly one stack creates it: the one in the trail region. A loop of
        // single-region deployments then creates it once, in whichever run deploys that region.
        var trail = settings.CreateTrail && region == settings.TrailRegion;
        if (settings.CreateTrail && !trail)
        {
            Console.Error.WriteLine($"GuardAlerts: {ContextKeys.CreateTrail}=true: the trail is created by the stack in {settings.TrailRegion} "
                + $"({ContextKeys.TrailRegion}); stack {id} in {region ?? "the CLI's region"} creates none. Deploy {settings.TrailRegion} too.");
        }

        var globalEvents = region is not null && region != GlobalEventsStack.HomeRegion
            ? GlobalEventsPlan.Create(id, region, PhysicalNames.For(id, region), table, forwardGlobalServices, settings.Organization.Mode)
            : null;
        var stack = new GuardAlertsStack(app, id, new GuardAlertsStackProps
        {
            Env = new Amazon.CDK.Environment { Account = account, Region = region },
            Description = "GuardAlerts: GuardDuty and CloudTrail security alerts by e-mail and SMS",
            Settings = settings,
            RiskTable = table,
            FunctionPackage = functionPackage,
            CreateTrail = trail,
            GlobalEvents = globalEvents,
        });
        if (globalEvents is not null)
        {
            _ = new GlobalEventsStack(app, globalEvents.StackName, new GlobalEventsStackProps
            {
                Env = new Amazon.CDK.Environment { Account = account, Region = GlobalEventsStack.HomeRegion },
                Description = forwardGlobalServices
                    ? $"GuardAlerts: forwards the global services' events and IAM events about the {id} stack from us-east-1 to {region}"
                    : $"GuardAlerts: forwards IAM events about the {id} stack in {region} from us-east-1 to {region}",
                Plan = globalEvents,
            });
        }

        return stack;
    }
}
