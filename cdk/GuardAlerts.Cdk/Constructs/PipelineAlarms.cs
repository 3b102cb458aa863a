using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.SQS;
using Constructs;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// Nothing fails silently: function errors and throttles, failed deliveries to the dead-letter destination, messages
/// in the dead-letter queue, failed publishes, EventBridge invocations that failed, and SNS deliveries that failed
/// each raise an alarm. Every alarm notifies the operations topic (every e-mail address); the ones that mean alerts
/// are not arriving also notify the pager topic (every phone). Errors and throttles are early warnings only: Lambda
/// and EventBridge retry, and what still fails lands in the dead-letter queue, whose alarm pages.
/// </summary>
internal sealed class PipelineAlarms : Construct
{
    private static readonly Duration Period = Duration.Minutes(5);

    public PipelineAlarms(
        Construct scope, string id, IReadOnlyList<IPipelineFunction> functions, IQueue deadLetterQueue, IReadOnlyList<Rule> rules,
        AlertTopic topics, IReadOnlyList<Alarm> outages, PhysicalNames names)
        : base(scope, id)
    {
        _names = names;
        foreach (var f in functions)
        {
            var name = char.ToUpperInvariant(f.Kind[0]) + f.Kind[1..];
            Warning($"{name}Errors", f.Function.MetricErrors(new MetricOptions { Period = Period, Statistic = "Sum" }),
                $"GuardAlerts: the {f.Kind} function failed; Lambda retries, then the event goes to the dead-letter queue.");
            Warning($"{name}Throttles", f.Function.MetricThrottles(new MetricOptions { Period = Period, Statistic = "Sum" }),
                $"GuardAlerts: the {f.Kind} function was throttled (account concurrency); events wait and may expire.");
            AtLeastOne($"{name}DestinationFailures", f.Function.Metric("DestinationDeliveryFailures", new MetricOptions { Period = Period, Statistic = "Sum" }),
                $"GuardAlerts: a failed {f.Kind} event could not be written to the dead-letter queue: it is lost. Check the queue and the role.");
            AtLeastOne($"{name}PublishFailures", new Metric(new MetricProps
            {
                Namespace = CanaryContract.MetricNamespace,
                MetricName = CanaryContract.PublishFailuresMetric,
                DimensionsMap = new Dictionary<string, string> { [CanaryContract.FunctionDimension] = f.Kind },
                Statistic = "Sum",
                Period = Period,
            }), $"GuardAlerts: the {f.Kind} function could not publish an alert (SNS or the ledger failed after retries).");
        }

        AtLeastOne("DeadLetters", deadLetterQueue.Metric("ApproximateNumberOfMessagesVisible", new MetricOptions { Period = Period, Statistic = "Maximum" }),
            "GuardAlerts: events wait in the dead-letter queue. Read them (guard-alerts redrive --queue-url ...) and re-process them.");
        for (var i = 0; i < rules.Count; i++)
        {
            AtLeastOne($"FailedInvocations{i + 1}", new Metric(new MetricProps
            {
                Namespace = "AWS/Events",
                MetricName = "FailedInvocations",
                DimensionsMap = RuleDimensions(rules[i]),
                Statistic = "Sum",
                Period = Period,
            }), $"GuardAlerts: EventBridge could not deliver events of rule {rules[i].Node.Path} to its target; they are in the dead-letter queue.");
        }

        foreach (var (topic, name) in new[] { (topics.Topic, "Alerts"), (topics.Operations, "Operations"), (topics.Pager, "Pager") })
        {
            AtLeastOne(name == "Alerts" ? "NotificationsFailed" : $"{name}NotificationsFailed",
                topic.Metric("NumberOfNotificationsFailed", new MetricOptions { Period = Period, Statistic = "Sum" }),
                $"GuardAlerts: SNS could not deliver a message of the {name.ToLowerInvariant()} topic to a subscriber (e-mail bounced, SMS spend limit, sandbox or opt-out).");
        }

        var operations = new SnsAction(topics.Operations);
        var pager = new SnsAction(topics.Pager);
        var paging = Alarms.Concat(outages).ToList();
        foreach (var alarm in paging)
        {
            alarm.AddAlarmAction(operations, pager);
        }

        foreach (var alarm in _warnings)
        {
            alarm.AddAlarmAction(operations);
        }

        // CloudWatch publishes on behalf of these alarms only (confused-deputy conditions on the topic policies).
        AlertTopic.AllowService(topics.Operations, "cloudwatch.amazonaws.com", paging.Concat(_warnings).Select(a => a.AlarmArn).ToList());
        AlertTopic.AllowService(topics.Pager, "cloudwatch.amazonaws.com", paging.Select(a => a.AlarmArn).ToList());
        Alarms.AddRange(_warnings);
    }

    /// <summary>Every alarm of this construct.</summary>
    public List<Alarm> Alarms { get; } = [];

    private readonly List<Alarm> _warnings = [];

    private readonly PhysicalNames _names;

    private void Warning(string id, IMetric metric, string description) => _warnings.Add(Create(id, metric, description));

    private void AtLeastOne(string id, IMetric metric, string description) => Alarms.Add(Create(id, metric, description));

    private Alarm Create(string id, IMetric metric, string description) => new(this, id, new AlarmProps
    {
        AlarmName = _names.Alarm(id),
        AlarmDescription = description,
        Metric = metric,
        Threshold = 1,
        ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        EvaluationPeriods = 1,
        TreatMissingData = TreatMissingData.NOT_BREACHING,
    });

    // A rule on a custom bus (a central deployment's) has its metrics under EventBusName and RuleName together; under
    // RuleName alone are the default bus's (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html).
    // Such a rule's Ref is "bus|name", so its dimension takes the rule's own name.
    private static Dictionary<string, string> RuleDimensions(Rule rule)
    {
        var cfn = (Amazon.CDK.AWS.Events.CfnRule)rule.Node.DefaultChild!;
        return cfn.EventBusName is { } bus
            ? new Dictionary<string, string> { ["RuleName"] = cfn.Name ?? rule.RuleName, ["EventBusName"] = bus }
            : new Dictionary<string, string> { ["RuleName"] = rule.RuleName };
    }
}
