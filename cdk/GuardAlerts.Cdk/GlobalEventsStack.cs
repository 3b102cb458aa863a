using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using Constructs;
using GuardAlerts.Cdk.Constructs;
using GuardAlerts.Cdk.Patterns;

namespace GuardAlerts.Cdk;

/// <summary>
/// IAM and the other global services deliver their CloudTrail events to EventBridge in us-east-1 only, so a
/// GuardAlerts stack in any other region never sees them. This small stack, deployed to us-east-1 beside each such
/// regional stack, forwards to the regional stack's default event bus (cross-Region event bus targets:
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html):
/// <list type="bullet">
/// <item>changes to the regional stack's roles and to this stack's rules and role, where its self-protection rules
/// match them; two rules that watch each other, because a rule cannot report a change to itself;</item>
/// <item>when the plan says so (no us-east-1 stack in the deployment, and only for one region), the risk table's
/// events of the global services, which the regional stack's own routing rules then deliver to its functions.</item>
/// </list>
/// The forwarded event is the original one (detail.awsRegion stays us-east-1); since the plan gives the global
/// services' events to one stack of the deployment only, no alert depends on what the envelope's region then says.
/// </summary>
internal sealed class GlobalEventsStack : Stack
{
    public const string HomeRegion = "us-east-1";

    public GlobalEventsStack(Construct scope, string id, GlobalEventsStackProps props) : base(scope, id, props)
    {
        var plan = props.Plan;
        _targetRegion = plan.TargetRegion;
        var bus = EventBus.FromEventBusArn(this, "RegionalBus", $"arn:{Aws.PARTITION}:events:{plan.TargetRegion}:{Aws.ACCOUNT_ID}:event-bus/default");
        // A role of our own, with a name the regional stack's self-protection can match (see PhysicalNames).
        var role = new Role(this, "ForwardRole", new RoleProps
        {
            RoleName = plan.RoleName,
            AssumedBy = new ServicePrincipal("events.amazonaws.com"),
            Description = $"GuardAlerts: EventBridge forwards events from us-east-1 to {plan.TargetRegion}",
        });
        var target = new Amazon.CDK.AWS.Events.Targets.EventBus(bus, new Amazon.CDK.AWS.Events.Targets.EventBusProps { Role = role });

        object[] roles = [.. plan.RegionalRoleNames, plan.RoleName];
        Rules.Add(Forward("Forward", plan.ForwardRuleName, $"changes to the {plan.RegionalStackName} stack's roles and to this stack",
            CloudTrailPatterns.WholePattern(CloudTrailPatterns.AwsSources, CloudTrailPatterns.ApiCallDetailType, PatternPacker.Detail(
            [
                SelfProtection.Clause("iam.amazonaws.com", SelfProtection.RoleChanges, "roleName", roles),
                .. SelfProtection.RuleClauses([plan.WatchRuleName, .. plan.GlobalRuleNames]),
            ])), readOnly: false, target));
        Rules.Add(Forward("Watch", plan.WatchRuleName, $"changes to the rule {plan.ForwardRuleName}",
            CloudTrailPatterns.WholePattern(CloudTrailPatterns.AwsSources, CloudTrailPatterns.ApiCallDetailType,
                PatternPacker.Detail([.. SelfProtection.RuleClauses([plan.ForwardRuleName])])), readOnly: false, target));
        for (var i = 0; i < plan.GlobalRules.Count; i++)
        {
            var spec = plan.GlobalRules[i];
            Rules.Add(Forward($"Global{i + 1}", plan.GlobalRuleNames[i], $"global-service events of config/risk-table.json ({string.Join(", ", spec.EventNames.Keys)})",
                spec.Pattern(), spec.ReadOnlyCalls, target));
        }
    }

    /// <summary>Every rule of the stack.</summary>
    public List<Rule> Rules { get; } = [];

    private readonly string _targetRegion;

    /// <summary>The companion's name for a regional stack: its name, its region unless already in it, "-GlobalEvents".</summary>
    public static string NameFor(string regionalStackName, string region) =>
        (regionalStackName.EndsWith("-" + region, StringComparison.Ordinal) ? regionalStackName : $"{regionalStackName}-{region}") + "-GlobalEvents";

    private Rule Forward(string id, string name, string what, Dictionary<string, object> pattern, bool readOnly, IRuleTarget target)
    {
        var rule = new Rule(this, id, new RuleProps
        {
            RuleName = name,
            Description = Truncate($"GuardAlerts: forwards {what} to {_targetRegion}"),
            EventPattern = new EventPattern { DetailType = [CloudTrailPatterns.ApiCallDetailType] },
        });
        var cfn = (CfnRule)rule.Node.DefaultChild!;
        cfn.AddPropertyOverride("EventPattern", pattern);
        if (readOnly)
        {
            // Read-only management events reach only rules in this state (see EventRouting).
            cfn.State = EventRouting.AllManagementEventsState;
        }

        rule.AddTarget(target);
        return rule;
    }

    private static string Truncate(string text) => text.Length <= 512 ? text : text[..509] + "...";
}
