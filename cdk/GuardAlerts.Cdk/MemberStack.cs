using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Constructs;
using GuardAlerts.Cdk.Constructs;
using GuardAlerts.Cdk.Patterns;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using EventBusTarget = Amazon.CDK.AWS.Events.Targets.EventBus;
using EventBusTargetProps = Amazon.CDK.AWS.Events.Targets.EventBusProps;

namespace GuardAlerts.Cdk;

/// <summary>
/// What a member account needs in each region, and nothing that alerts by itself: rules on its default bus with the
/// central stack's own generated patterns, forwarding to the central bus through a role that may only put events
/// there; an hourly heartbeat to the central bus; and self-protection rules that forward changes to those rules and
/// that role. No function, table, topic or asset, and no CDK bootstrap: the template is deployed as a
/// CloudFormation StackSet, one template for every account and region, so it names no account or region.
/// </summary>
internal sealed class MemberStack : Stack
{
    public const string MemberStackName = "GuardAlertsMember";

    /// <summary>What every name of a member starts with; the central stack matches the members' resources by it.</summary>
    public const string NamePrefix = MemberStackName + "-";

    /// <summary>The heartbeat rule's name: the central stack recognises a member's heartbeat by it.</summary>
    public const string HeartbeatRuleName = NamePrefix + "Heartbeat";

    // Rule names per self-protection clause, as in SelfProtection.
    private const int NamesPerClause = 10;

    public MemberStack(Construct scope, string id, MemberStackProps props)
        : base(scope, id, WithPlainTemplate(props))
    {
        var organization = props.Settings.Organization;
        var bus = Amazon.CDK.AWS.Events.EventBus.FromEventBusArn(this, "CentralBus", organization.CentralBusArn!);
        // IAM names are global to the account and a StackSet deploys this template to several regions of it.
        var role = new Role(this, "ForwardRole", new RoleProps
        {
            RoleName = Fn.Join("-", [MemberStackName, Aws.REGION, "Forward"]),
            AssumedBy = new ServicePrincipal("events.amazonaws.com"),
            Description = "GuardAlerts: EventBridge forwards this account's security events to the central alerting bus",
        });
        bus.GrantPutEventsTo(role);
        // Rules whose target is a bus of an organization-wide policy must name a role (EventBridge PutPermission).
        _target = new EventBusTarget(bus, new EventBusTargetProps { Role = role });

        if (organization.ForwardGuardDuty)
        {
            Forward("GuardDutyFindings", EventRouting.GuardDutyDescription(props.RiskTable), EventRouting.GuardDutyPattern(props.RiskTable));
        }

        foreach (var (ruleId, spec) in EventRouting.CloudTrailRules(props.RiskTable))
        {
            var rule = Forward(ruleId, EventRouting.Describe(spec), new EventPattern { DetailType = [spec.DetailType] });
            EventRouting.UsePattern(rule, spec);
        }

        // A scheduled event (source aws.events) cannot be put by anyone but EventBridge, and keeps this account and
        // region: the central stack knows from it which member is alive.
        Forward("Heartbeat", "GuardAlerts heartbeat: tells the central stack every hour that this member's forwarding works", null,
            Schedule.Rate(Duration.Hours(1)));

        // The ring, as in SelfProtection: the first rules watch every other rule and the role, the last watches them.
        var watch = NamePrefix + "ProtectionWatch";
        var watched = RuleNames.Append(watch).ToList();
        var groups = PatternPacker.Pack(
            [.. watched.Chunk(NamesPerClause).SelectMany(SelfProtection.RuleClauses),
                SelfProtection.Clause("iam.amazonaws.com", SelfProtection.RoleChanges, "roleName", SelfProtection.Prefix(NamePrefix)),
                // This stack deleted or replaced (by the StackSet or by anyone in the account) takes every rule above with
                // it, possibly before their own deletions are reported: the call itself is.
                SelfProtection.Clause("cloudformation.amazonaws.com", SelfProtection.StackChanges, "stackName", Aws.STACK_NAME, Aws.STACK_ID)],
            Whole, SelfProtection.TokenAwareLength);
        var protection = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            var ruleId = groups.Count == 1 ? "Protection" : $"Protection{i + 1}";
            protection.Add(NamePrefix + ruleId);
            Protect(ruleId, "changes to this member's forwarding rules and role", groups[i]);
        }

        Protect("ProtectionWatch", "changes to the rules that watch this member's forwarding rules", [.. SelfProtection.RuleClauses(protection)]);
    }

    /// <summary>The forwarding rules generated from the risk table (GuardDuty's first, when forwarded).</summary>
    public List<Rule> Rules { get; } = [];

    /// <summary>Every rule's name but the self-protection ones.</summary>
    public List<string> RuleNames { get; } = [];

    private readonly IRuleTarget _target;

    private static MemberStackProps WithPlainTemplate(MemberStackProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        // No bootstrap stack in the members: no assets, no BootstrapVersion parameter or rule.
        props.Synthesizer = new BootstraplessSynthesizer(new BootstraplessSynthesizerProps());
        return props;
    }

    private Rule Forward(string id, string description, EventPattern? pattern, Schedule? schedule = null)
    {
        var name = NamePrefix + id;
        var rule = new Rule(this, id, new RuleProps
        {
            RuleName = name,
            Description = description,
            EventPattern = pattern,
            Schedule = schedule,
        });
        rule.AddTarget(_target);
        RuleNames.Add(name);
        if (schedule is null)
        {
            Rules.Add(rule);
        }

        return rule;
    }

    private void Protect(string id, string what, IReadOnlyList<Dictionary<string, object>> clauses)
    {
        var rule = new Rule(this, id, new RuleProps
        {
            RuleName = NamePrefix + id,
            Description = "GuardAlerts self-protection: forwards " + what + " to the central stack",
            EventPattern = new EventPattern { DetailType = [CloudTrailPatterns.ApiCallDetailType] },
        });
        ((CfnRule)rule.Node.DefaultChild!).AddPropertyOverride("EventPattern", Whole(PatternPacker.Detail(clauses)));
        rule.AddTarget(_target);
    }

    private static Dictionary<string, object> Whole(Dictionary<string, object> detail) =>
        CloudTrailPatterns.WholePattern(CloudTrailPatterns.AwsSources, CloudTrailPatterns.ApiCallDetailType, detail);
}
