using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// Nothing fails silently: function errors and throttles, failed deliveries to the dead-letter destination, messages
/// in the dead-letter queue, failed publishes, EventBridge invocations that failed, and SNS deliveries that failed
/// each raise an alarm on the alert topic (alarms carry no message attributes, so they reach e-mail and SMS).
/// </summary>
internal sealed class PipelineAlarms : Construct
{
    private static readonly Duration Period = Duration.Minutes(5);

    public PipelineAlarms(
        Construct scope, string id, IReadOnlyList<AlertFunction> functions, IQueue deadLetterQueue, IReadOnlyList<Rule> rules,
        ITopic topic, IReadOnlyList<Alarm> extra)
        : base(scope, id)
    {
        foreach (var f in functions)
        {
            var name = char.ToUpperInvariant(f.Kind[0]) + f.Kind[1..];
            AtLeastOne($"{name}Errors", f.Function.MetricErrors(new MetricOptions { Period = Period, Statistic = "Sum" }),
                $"GuardAlerts: the {f.Kind} function failed; Lambda retries, then the event goes to the dead-letter queue.");
            AtLeastOne($"{name}Throttles", f.Function.MetricThrottles(new MetricOptions { Period = Period, Statistic = "Sum" }),
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
                DimensionsMap = new Dictionary<string, string> { ["RuleName"] = rules[i].RuleName },
                Statistic = "Sum",
                Period = Period,
            }), $"GuardAlerts: EventBridge could not deliver events of rule {rules[i].Node.Path} to its target; they are in the dead-letter queue.");
        }

        AtLeastOne("NotificationsFailed", topic.Metric("NumberOfNotificationsFailed", new MetricOptions { Period = Period, Statistic = "Sum" }),
            "GuardAlerts: SNS could not deliver an alert to a subscriber (e-mail bounced, SMS spend limit or opt-out).");

        var action = new SnsAction(topic);
        foreach (var alarm in Alarms.Concat(extra))
        {
            alarm.AddAlarmAction(action);
        }
    }

    public List<Alarm> Alarms { get; } = [];

    private void AtLeastOne(string id, IMetric metric, string description) => Alarms.Add(new Alarm(this, id, new AlarmProps
    {
        AlarmDescription = description,
        Metric = metric,
        Threshold = 1,
        ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        EvaluationPeriods = 1,
        TreatMissingData = TreatMissingData.NOT_BREACHING,
    }));
}
