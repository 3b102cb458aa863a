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

    public EventRouting(Construct scope, string id, RiskTable table, AlertFunction guardDuty, AlertFunction cloudTrail, Delivery delivery, PhysicalNames names)
        : base(scope, id)
    {
        _names = names;
        var minimumScore = GuardDutyThreshold.MinimumScore(table);
        var guardDutyRule = new Rule(this, "GuardDutyFindings", new RuleProps
        {
            RuleName = Named("GuardDutyFindings"),
            Description = $"GuardAlerts: GuardDuty findings with severity >= {minimumScore} (the lowest that can alert)",
            EventPattern = new EventPattern
            {
                Source = ["aws.guardduty"],
                DetailType = ["GuardDuty Finding"],
                Detail = new Dictionary<string, object>
                {
                    ["severity"] = new object[] { new Dictionary<string, object> { ["numeric"] = new object[] { ">=", minimumScore } } },
                },
            },
        });
        guardDutyRule.AddTarget(Target(guardDuty, delivery));
        Rules.Add(guardDutyRule);

        var apiCalls = CloudTrailPatterns.ApiCallRules(table);
        for (var i = 0; i < apiCalls.Count; i++)
        {
            Rules.Add(CloudTrailRule($"CloudTrailApiCalls{i + 1}", apiCalls[i], cloudTrail, delivery));
        }

        var signIns = CloudTrailPatterns.SignInRules(table);
        for (var i = 0; i < signIns.Count; i++)
        {
            Rules.Add(CloudTrailRule(i == 0 ? "ConsoleSignIn" : $"ConsoleSignIn{i + 1}", signIns[i], cloudTrail, delivery));
        }
    }

    /// <summary>Every rule, for the alarms on failed invocations.</summary>
    public List<Rule> Rules { get; } = [];

    /// <summary>The rules' names, as literals: self-protection watches them (a rule's RuleName is a reference).</summary>
    public List<string> RuleNames { get; } = [];

    private readonly PhysicalNames _names;

    private string Named(string purpose)
    {
        var name = _names.Name(purpose);
        RuleNames.Add(name);
        return name;
    }

    private Rule CloudTrailRule(string id, CloudTrailRuleSpec spec, AlertFunction function, Delivery delivery)
    {
        var sources = spec.EveryCallOf is { Count: > 0 } types ? $"every eventSource, calls by {string.Join(", ", types)}"
            : spec.ErrorCodes is { Count: > 0 } codes ? $"every eventSource, calls refused with {string.Join(", ", codes)} (counted by threshold rules)"
            : string.Join(", ", spec.EventNames.Keys);
        var rule = new Rule(this, id, new RuleProps
        {
            RuleName = Named(id),
            Description = Truncate($"GuardAlerts: {spec.DetailType}{(spec.ReadOnlyCalls ? " (read-only calls)" : "")} from {sources}, generated from config/risk-table.json"),
            // Replaced below by the generated pattern; the L2 needs one to validate.
            EventPattern = new EventPattern { DetailType = [spec.DetailType] },
        });
        var cfn = (CfnRule)rule.Node.DefaultChild!;
        // Exactly the pattern that was measured against the size quota, "$or" included.
        cfn.AddPropertyOverride("EventPattern", spec.Pattern());
        if (spec.ReadOnlyCalls)
        {
            // Without it EventBridge delivers only write calls, and a read-only rule would never see its events.
            cfn.State = AllManagementEventsState;
        }

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
