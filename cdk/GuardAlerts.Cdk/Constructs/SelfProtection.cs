using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Constructs;
using GuardAlerts.Cdk.Patterns;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// An attacker's first move is to blind the alerting. These rules send a Critical message straight to the topic (not
/// through the functions, which may be what was changed) when someone disables or deletes the rules or their targets,
/// deletes or changes the topic, its key or its subscriptions, changes the functions' code, configuration, roles or
/// invoke permissions, deletes the table, or tampers with the dead-letter queue or the alarms. A deployment of this
/// stack triggers it too: that is a change to the alerting worth a message.
/// </summary>
internal sealed class SelfProtection : Construct
{
    public const string Heading = "Critical: GuardAlerts self-protection";

    public SelfProtection(Construct scope, string id, ProtectedResources watched, Delivery delivery, Amazon.CDK.AWS.SNS.ITopic topic)
        : base(scope, id)
    {
        var groups = PatternPacker.Pack(Clauses(watched), Whole, TokenAwareLength);
        var message = RuleTargetInput.FromText(
            $"{Heading}: {EventField.FromPath("$.detail.eventName")} ({EventField.FromPath("$.detail.eventSource")}) "
            + $"by {EventField.FromPath("$.detail.userIdentity.arn")} from {EventField.FromPath("$.detail.sourceIPAddress")} "
            + $"in account {EventField.Account} {EventField.Region} at {EventField.Time}. Someone changed the alerting pipeline itself. "
            + "If this was not your own deployment of the GuardAlerts stack, treat it as an attack on the alerting: find the change in CloudTrail "
            + $"(event id {EventField.FromPath("$.detail.eventID")}), revert it, and review what that principal did since.");
        for (var i = 0; i < groups.Count; i++)
        {
            var rule = new Rule(this, groups.Count == 1 ? "Rule" : $"Rule{i + 1}", new RuleProps
            {
                Description = "GuardAlerts self-protection: changes to the alerting pipeline's own resources",
                EventPattern = new EventPattern { DetailType = [CloudTrailPatterns.ApiCallDetailType] },
            });
            ((Amazon.CDK.AWS.Events.CfnRule)rule.Node.DefaultChild!).AddPropertyOverride("EventPattern", Whole(PatternPacker.Detail(groups[i])));
            rule.AddTarget(new SnsTopic(topic, new SnsTopicProps
            {
                Message = message,
                DeadLetterQueue = delivery.DeadLetterQueue,
                MaxEventAge = Delivery.MaxEventAge,
                RetryAttempts = Delivery.RetryAttempts,
            }));
            Rules.Add(rule);
        }
    }

    public List<Rule> Rules { get; } = [];

    private static Dictionary<string, object> Whole(Dictionary<string, object> detail) =>
        CloudTrailPatterns.WholePattern(CloudTrailPatterns.AwsSources, CloudTrailPatterns.ApiCallDetailType, detail);

    // Names and ARNs are tokens until deploy: size them as the longest they can resolve to.
    private static int TokenAwareLength(string value) => Token.IsUnresolved(value) ? 256 : PatternSize.EncodedLength(value);

    private static IEnumerable<Dictionary<string, object>> Clauses(ProtectedResources w)
    {
        // Physical names are generated as "<stack name>-<logical id>-<suffix>"; a rule cannot name itself, so the
        // rules and alarms are matched by that prefix.
        object ours = Prefix(w.StackName + "-");
        var functionNames = w.Functions.Select(f => (object)Suffix(f.Function.FunctionName)).ToArray();
        var roleNames = w.Functions.Select(f => (object)f.Role.RoleName).ToArray();
        return
        [
            Clause("events.amazonaws.com", ["DisableRule", "DeleteRule", "PutRule"], "name", ours),
            Clause("events.amazonaws.com", ["RemoveTargets", "PutTargets"], "rule", ours),
            // Lambda's CloudTrail names carry API versions (UpdateFunctionCode20150331v2); the caller may name the
            // function by name or ARN, which both end with the name.
            Clause("lambda.amazonaws.com",
                [.. new[] { "UpdateFunctionCode", "UpdateFunctionConfiguration", "DeleteFunction", "PutFunctionConcurrency",
                    "PutFunctionEventInvokeConfig", "UpdateFunctionEventInvokeConfig", "RemovePermission" }.Select(Prefix)],
                "functionName", functionNames),
            Clause("sns.amazonaws.com", ["DeleteTopic", "SetTopicAttributes", "AddPermission", "RemovePermission", "Subscribe"], "topicArn", w.Topic.TopicArn),
            Clause("sns.amazonaws.com", ["Unsubscribe", "SetSubscriptionAttributes"], "subscriptionArn", Prefix(w.Topic.TopicArn + ":")),
            Clause("kms.amazonaws.com", ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"], "keyId", Suffix(w.Key.KeyId)),
            Clause("dynamodb.amazonaws.com", ["DeleteTable", "UpdateTable", "UpdateTimeToLive", "UpdateContinuousBackups"], "tableName", w.Table.TableName),
            Clause("dynamodb.amazonaws.com", ["PutResourcePolicy", "DeleteResourcePolicy"], "resourceArn", Prefix(w.Table.TableArn)),
            Clause("sqs.amazonaws.com", ["DeleteQueue", "PurgeQueue", "SetQueueAttributes"], "queueUrl", Suffix("/" + w.DeadLetterQueue.QueueName)),
            Clause("monitoring.amazonaws.com", ["DeleteAlarms", "DisableAlarmActions"], "alarmNames", ours),
            Clause("monitoring.amazonaws.com", ["PutMetricAlarm"], "alarmName", ours),
            // IAM events arrive in us-east-1 only: this clause fires in that region's stack.
            Clause("iam.amazonaws.com",
                ["PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "UpdateAssumeRolePolicy", "DeleteRole", "PutRolePermissionsBoundary"],
                "roleName", roleNames),
        ];
    }

    private static Dictionary<string, object> Clause(string eventSource, object[] eventNames, string parameter, params object[] values) => new()
    {
        ["eventSource"] = new object[] { eventSource },
        ["eventName"] = eventNames,
        ["requestParameters"] = new Dictionary<string, object> { [parameter] = values },
    };

    private static Dictionary<string, object> Prefix(string value) => new() { ["prefix"] = value };

    private static Dictionary<string, object> Suffix(string value) => new() { ["suffix"] = value };
}
