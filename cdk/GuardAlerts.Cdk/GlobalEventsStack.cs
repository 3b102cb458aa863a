using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using Constructs;
using GuardAlerts.Cdk.Constructs;
using GuardAlerts.Cdk.Patterns;

namespace GuardAlerts.Cdk;

/// <summary>
/// IAM is a global service: CloudTrail delivers its events to EventBridge in us-east-1 only, so a GuardAlerts stack
/// in any other region never sees its own roles being changed. This small stack, deployed to us-east-1 beside each
/// such regional stack, forwards those events (and any tampering with itself) to the regional stack's default event
/// bus, where its self-protection rule matches them (cross-Region event bus targets:
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html).
/// </summary>
internal sealed class GlobalEventsStack : Stack
{
    public const string HomeRegion = "us-east-1";

    public GlobalEventsStack(Construct scope, string id, GlobalEventsStackProps props) : base(scope, id, props)
    {
        // Role and rule names are generated from the stack names: "<stack>-<logical id>-<suffix>".
        var clauses = new List<Dictionary<string, object>>
        {
            SelfProtection.Clause("iam.amazonaws.com", SelfProtection.RoleChanges, "roleName",
                SelfProtection.Prefix(props.RegionalStackName + "-"), SelfProtection.Prefix(StackName + "-")),
            SelfProtection.Clause("events.amazonaws.com", ["DisableRule", "DeleteRule", "PutRule"], "name", SelfProtection.Prefix(StackName + "-")),
            SelfProtection.Clause("events.amazonaws.com", ["RemoveTargets", "PutTargets"], "rule", SelfProtection.Prefix(StackName + "-")),
        };
        var rule = new Rule(this, "Forward", new RuleProps
        {
            Description = $"GuardAlerts: IAM changes to the {props.RegionalStackName} stack's roles, forwarded to {props.TargetRegion}",
            EventPattern = new EventPattern { DetailType = [CloudTrailPatterns.ApiCallDetailType] },
        });
        ((CfnRule)rule.Node.DefaultChild!).AddPropertyOverride("EventPattern",
            CloudTrailPatterns.WholePattern(CloudTrailPatterns.AwsSources, CloudTrailPatterns.ApiCallDetailType, PatternPacker.Detail(clauses)));
        var bus = Amazon.CDK.AWS.Events.EventBus.FromEventBusArn(this, "RegionalBus", $"arn:{Aws.PARTITION}:events:{props.TargetRegion}:{Aws.ACCOUNT_ID}:event-bus/default");
        rule.AddTarget(new Amazon.CDK.AWS.Events.Targets.EventBus(bus));
        ForwardRule = rule;
    }

    public Rule ForwardRule { get; }

    /// <summary>The companion's name for a regional stack: its name, its region unless already in it, "-GlobalEvents".</summary>
    public static string NameFor(string regionalStackName, string region) =>
        (regionalStackName.EndsWith("-" + region, StringComparison.Ordinal) ? regionalStackName : $"{regionalStackName}-{region}") + "-GlobalEvents";
}
