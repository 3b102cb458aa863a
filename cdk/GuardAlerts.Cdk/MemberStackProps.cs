using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>A member's inputs: the settings (the central bus, whether GuardDuty is forwarded) and the routed risk table.</summary>
internal sealed class MemberStackProps : StackProps
{
    public required DeploymentSettings Settings { get; init; }

    /// <summary>The table the forwarding rules are generated from, exactly as the central stack's rules are.</summary>
    public required RiskTable RiskTable { get; init; }
}
