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

    /// <summary>Whether this stack creates the multi-region trail (the stack in the trail region does).</summary>
    public bool CreateTrail { get; init; }

    /// <summary>The us-east-1 companion that forwards global-service events here (null in us-east-1 itself).</summary>
    public GlobalEventsPlan? GlobalEvents { get; init; }
}
