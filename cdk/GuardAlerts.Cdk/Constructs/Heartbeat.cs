using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Constructs;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// A user learns that the pipeline is broken before an attacker does: every hour a canary event goes through each
/// function (attribution, rules, ledger, publish with the "canary" attribute that every subscription filters out).
/// An alarm fires when a function has had no successful canary for two hours, and another when SNS itself counted
/// fewer publications to the alert topic than there are canaries.
/// </summary>
internal sealed class Heartbeat : Construct
{
    public Heartbeat(Construct scope, string id, IReadOnlyList<AlertFunction> functions, AlertTopic topics, Delivery delivery, PhysicalNames names)
        : base(scope, id)
    {
        ScheduleName = names.Name("Heartbeat");
        Schedule = new Rule(this, "Schedule", new RuleProps
        {
            RuleName = ScheduleName,
            Description = "GuardAlerts heartbeat: a canary event through every function each hour",
            Schedule = Amazon.CDK.AWS.Events.Schedule.Rate(Duration.Hours(1)),
        });
        foreach (var function in functions)
        {
            Schedule.AddTarget(new LambdaFunction(function.Function, new LambdaFunctionProps
            {
                Event = CanaryEvent(function.Kind),
                DeadLetterQueue = delivery.DeadLetterQueue,
                MaxEventAge = Delivery.MaxEventAge,
                RetryAttempts = Delivery.RetryAttempts,
            }));
            Alarms.Add(new Alarm(this, $"{Capitalised(function.Kind)}CanaryMissing", new AlarmProps
            {
                AlarmName = names.Alarm($"{Capitalised(function.Kind)}CanaryMissing"),
                AlarmDescription = $"GuardAlerts: no canary has gone through the {function.Kind} function for two hours. "
                    + "The pipeline may be broken and alerts lost: check the function's errors, its logs and the dead-letter queue.",
                Metric = new Metric(new MetricProps
                {
                    Namespace = CanaryContract.MetricNamespace,
                    MetricName = CanaryContract.SucceededMetric,
                    DimensionsMap = new Dictionary<string, string> { [CanaryContract.FunctionDimension] = function.Kind },
                    Statistic = "Sum",
                    Period = Duration.Hours(1),
                }),
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
                EvaluationPeriods = 2,
                DatapointsToAlarm = 2,
                // No data is the failure this alarm exists for.
                TreatMissingData = TreatMissingData.BREACHING,
            }));
        }

        // The custom metric above says which function broke, but anyone allowed cloudwatch:PutMetricData can keep it
        // OK. SNS's own count of publications to the alert topic cannot be forged that way (namespaces starting with
        // "AWS/" are reserved to AWS services): only a real publication raises it, and every hour each function's
        // canary is one. SNS sends no data point for an hour without publications, so missing data is the failure.
        Alarms.Add(new Alarm(this, "AlertTopicSilent", new AlarmProps
        {
            AlarmName = names.Alarm("AlertTopicSilent"),
            AlarmDescription = $"GuardAlerts: fewer than {functions.Count} messages (one canary per function) were published to the alert topic "
                + "in each of the last two hours, by SNS's own count. Alerts are not going out: check the functions, the topic, its key and the dead-letter queue.",
            Metric = topics.Topic.Metric("NumberOfMessagesPublished", new MetricOptions { Statistic = "Sum", Period = Duration.Hours(1) }),
            Threshold = functions.Count,
            ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
            EvaluationPeriods = 2,
            DatapointsToAlarm = 2,
            TreatMissingData = TreatMissingData.BREACHING,
        }));
    }

    public Rule Schedule { get; }

    /// <summary>The schedule's name, as a literal (see <see cref="EventRouting.RuleNames"/>).</summary>
    public string ScheduleName { get; }

    public List<Alarm> Alarms { get; } = [];

    /// <summary>
    /// An EventBridge-shaped event with the scheduled event's own id and time, so every canary has its own dedup key.
    /// </summary>
    private static RuleTargetInput CanaryEvent(string kind) => RuleTargetInput.FromObject(new Dictionary<string, object>
    {
        ["version"] = "0",
        ["id"] = EventField.EventId,
        ["detail-type"] = CanaryContract.DetailType,
        ["source"] = CanaryContract.Source,
        ["account"] = EventField.Account,
        ["time"] = EventField.Time,
        ["region"] = EventField.Region,
        ["resources"] = Array.Empty<object>(),
        ["detail"] = new Dictionary<string, object> { ["function"] = kind },
    });

    private static string Capitalised(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];
}
