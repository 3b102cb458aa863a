using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>The stack's inputs: the deploy-time settings, the risk table, and the functions' package.</summary>
internal sealed class GuardAlertsStackProps : StackProps
{
    public required DeploymentSettings Settings { get; init; }

    /// <summary>The risk table the EventBridge patterns are generated from (config/risk-table.json).</summary>
    public required RiskTable RiskTable { get; init; }

    /// <summary>The deployable folder: `bootstrap` and config/, built by scripts/publish-functions.sh.</summary>
    public required string FunctionPackage { get; init; }

    /// <summary>Whether this stack creates the multi-region trail (one stack of a multi-region deployment does).</summary>
    public bool CreateTrail { get; init; }
}
