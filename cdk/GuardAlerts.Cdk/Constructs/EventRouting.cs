using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Constructs;
using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// The EventBridge rules that feed the functions: GuardDuty findings at or above the lowest score that can alert,
/// and the CloudTrail API calls and console sign-ins the risk table covers, generated from it.
/// </summary>
internal sealed class EventRouting : Construct
{
    public const string AllManagementEventsState = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

    // bus: the bus the rules read, the account's default bus (null) or a central deployment's central bus;
    // purposePrefix: prefixed to the rules' ids and name purposes, so a second set of rules gets names of its own.
    public EventRouting(Construct scope, string id, RiskTable table, AlertFunction guardDuty, AlertFunction cloudTrail, Delivery delivery, PhysicalNames names,
        IEventBus? bus = null, string purposePrefix = "")
        : base(scope, id)
    {
        _names = names;
        _bus = bus;
        var guardDutyId = purposePrefix + "GuardDutyFindings";
        var guardDutyRule = new Rule(this, guardDutyId, new RuleProps
        {
            RuleName = Named(guardDutyId),
            Description = GuardDutyDescription(table),
            EventPattern = GuardDutyPattern(table),
            EventBus = bus,
        });
        guardDutyRule.AddTarget(Target(guardDuty, delivery));
        Rules.Add(guardDutyRule);

        foreach (var (ruleId, spec) in CloudTrailRules(table))
        {
            Rules.Add(CloudTrailRule(purposePrefix + ruleId, spec, cloudTrail, delivery));
        }
    }

    /// <summary>The GuardDuty rule's pattern: findings at or above the lowest severity score that can alert.</summary>
    public static EventPattern GuardDutyPattern(RiskTable table) => new()
    {
        Source = ["aws.guardduty"],
        DetailType = ["GuardDuty Finding"],
        Detail = new Dictionary<string, object>
        {
            ["severity"] = new object[] { new Dictionary<string, object> { ["numeric"] = new object[] { ">=", GuardDutyThreshold.MinimumScore(table) } } },
        },
    };

    public static string GuardDutyDescription(RiskTable table) =>
        $"GuardAlerts: GuardDuty findings with severity >= {GuardDutyThreshold.MinimumScore(table)} (the lowest that can alert)";

    /// <summary>The CloudTrail rules generated from the table, with their ids: API calls, then console sign-ins.</summary>
    public static IReadOnlyList<(string Id, CloudTrailRuleSpec Spec)> CloudTrailRules(RiskTable table)
    {
        var apiCalls = CloudTrailPatterns.ApiCallRules(table);
        var signIns = CloudTrailPatterns.SignInRules(table);
        return [.. apiCalls.Select((spec, i) => ($"CloudTrailApiCalls{i + 1}", spec)), .. signIns.Select((spec, i) => (i == 0 ? "ConsoleSignIn" : $"ConsoleSignIn{i + 1}", spec))];
    }

    /// <summary>A generated rule's description: what it reads, from the table.</summary>
    public static string Describe(CloudTrailRuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var sources = spec.EveryCallOf is { Count: > 0 } types ? $"every eventSource, calls by {string.Join(", ", types)}"
            : spec.ErrorCodes is { Count: > 0 } codes ? $"every eventSource, calls refused with {string.Join(", ", codes)} (counted by threshold rules)"
            : string.Join(", ", spec.EventNames.Keys);
        return Truncate($"GuardAlerts: {spec.DetailType}{(spec.ReadOnlyCalls ? " (read-only calls)" : "")} from {sources}, generated from config/risk-table.json");
    }

    /// <summary>Gives a rule the generated pattern, and the state read-only calls need.</summary>
    public static void UsePattern(Rule rule, CloudTrailRuleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(spec);
        var cfn = (CfnRule)rule.Node.DefaultChild!;
        // Exactly the pattern that was measured against the size quota, "$or" included.
        cfn.AddPropertyOverride("EventPattern", spec.Pattern());
        if (spec.ReadOnlyCalls)
        {
            // Without it EventBridge delivers only write calls, and a read-only rule would never see its events.
            cfn.State = AllManagementEventsState;
        }
    }

    /// <summary>Every rule, for the alarms on failed invocations.</summary>
    public List<Rule> Rules { get; } = [];

    /// <summary>The rules' names, as literals: self-protection watches them (a rule's RuleName is a reference).</summary>
    public List<string> RuleNames { get; } = [];

    private readonly PhysicalNames _names;
    private readonly IEventBus? _bus;

    private string Named(string purpose)
    {
        var name = _names.Name(purpose);
        RuleNames.Add(name);
        return name;
    }

    private Rule CloudTrailRule(string id, CloudTrailRuleSpec spec, AlertFunction function, Delivery delivery)
    {
        var rule = new Rule(this, id, new RuleProps
        {
            RuleName = Named(id),
            Description = Describe(spec),
            // Replaced by the generated pattern; the L2 needs one to validate.
            EventPattern = new EventPattern { DetailType = [spec.DetailType] },
            EventBus = _bus,
        });
        UsePattern(rule, spec);
        rule.AddTarget(Target(function, delivery));
        return rule;
    }

    private static LambdaFunction Target(AlertFunction function, Delivery delivery) => new(function.Function, new LambdaFunctionProps
    {
        DeadLetterQueue = delivery.DeadLetterQueue,
        MaxEventAge = Delivery.MaxEventAge,
        RetryAttempts = Delivery.RetryAttempts,
    });

    // EventBridge rule descriptions are at most 512 characters.
    private static string Truncate(string text) => text.Length <= 512 ? text : text[..509] + "...";
}
