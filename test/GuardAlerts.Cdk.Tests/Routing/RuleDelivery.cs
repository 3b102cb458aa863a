using System.Text.Json.Nodes;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>One target an event reached: in which region's stack, through which rule, to which resource.</summary>
/// <param name="Stack">The stack the rule belongs to.</param>
/// <param name="RuleId">The rule's logical id.</param>
/// <param name="TargetArn">The target's ARN as deployed.</param>
/// <param name="TargetId">The target's logical id in that stack (null for a target outside it).</param>
/// <param name="Input">What the target receives: the transformed input when the target has one, else the event.</param>
public sealed record RuleDelivery(DeployedStack Stack, string RuleId, string TargetArn, string? TargetId, JsonNode Input);
