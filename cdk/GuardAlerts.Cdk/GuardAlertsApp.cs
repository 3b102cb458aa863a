using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>Builds the stacks of one deployment: one per region named with `-c regions=...`, else one in the CLI's.</summary>
internal static class GuardAlertsApp
{
    public const string StackName = "GuardAlerts";

    public static IReadOnlyList<GuardAlertsStack> AddStacks(App app, DeploymentSettings settings, RiskTable table, string functionPackage, string? account, string? region)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Regions.Count == 0)
        {
            return [Stack(app, StackName, settings, table, functionPackage, account, region, settings.CreateTrail)];
        }

        // A multi-region trail is created once, in the first region listed.
        return settings.Regions
            .Select((r, i) => Stack(app, $"{StackName}-{r}", settings, table, functionPackage, account, r, settings.CreateTrail && i == 0))
            .ToList();
    }

    private static GuardAlertsStack Stack(App app, string id, DeploymentSettings settings, RiskTable table, string functionPackage, string? account, string? region, bool trail) =>
        new(app, id, new GuardAlertsStackProps
        {
            Env = new Amazon.CDK.Environment { Account = account, Region = region },
            Description = "GuardAlerts: GuardDuty and CloudTrail security alerts by e-mail and SMS",
            Settings = settings,
            RiskTable = table,
            FunctionPackage = functionPackage,
            CreateTrail = trail,
        });
}
