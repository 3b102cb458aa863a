using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>
/// Builds the stacks of one deployment: one per region named with `-c regions=...`, else one in the CLI's region;
/// beside each stack outside us-east-1, its <see cref="GlobalEventsStack"/> in us-east-1.
/// </summary>
internal static class GuardAlertsApp
{
    public const string StackName = "GuardAlerts";

    public static IReadOnlyList<GuardAlertsStack> AddStacks(App app, DeploymentSettings settings, RiskTable table, string functionPackage, string? account, string? region)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Regions.Count == 0)
        {
            return [Stack(app, StackName, settings, table, functionPackage, account, region)];
        }

        return settings.Regions.Select(r => Stack(app, $"{StackName}-{r}", settings, table, functionPackage, account, r)).ToList();
    }

    private static GuardAlertsStack Stack(App app, string id, DeploymentSettings settings, RiskTable table, string functionPackage, string? account, string? region)
    {
        // The trail is multi-region, so exactly one stack creates it: the one in the trail region. A loop of
        // single-region deployments then creates it once, in whichever run deploys that region.
        var trail = settings.CreateTrail && region == settings.TrailRegion;
        if (settings.CreateTrail && !trail)
        {
            Console.Error.WriteLine($"GuardAlerts: {ContextKeys.CreateTrail}=true: the trail is created by the stack in {settings.TrailRegion} "
                + $"({ContextKeys.TrailRegion}); stack {id} in {region ?? "the CLI's region"} creates none. Deploy {settings.TrailRegion} too.");
        }

        string? globalEvents = region is not null && region != GlobalEventsStack.HomeRegion ? GlobalEventsStack.NameFor(id, region) : null;
        var stack = new GuardAlertsStack(app, id, new GuardAlertsStackProps
        {
            Env = new Amazon.CDK.Environment { Account = account, Region = region },
            Description = "GuardAlerts: GuardDuty and CloudTrail security alerts by e-mail and SMS",
            Settings = settings,
            RiskTable = table,
            FunctionPackage = functionPackage,
            CreateTrail = trail,
            GlobalEventsStackName = globalEvents,
        });
        if (globalEvents is not null)
        {
            _ = new GlobalEventsStack(app, globalEvents, new GlobalEventsStackProps
            {
                Env = new Amazon.CDK.Environment { Account = account, Region = GlobalEventsStack.HomeRegion },
                Description = $"GuardAlerts: forwards IAM events about the {id} stack in {region} from us-east-1 to {region}",
                RegionalStackName = id,
                TargetRegion = region!,
            });
        }

        return stack;
    }
}
