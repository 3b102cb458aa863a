using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using CfnRule = Amazon.CDK.AWS.Events.CfnRule;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Constructs;
using GuardAlerts.Cdk.Patterns;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// An attacker's first move is to blind the alerting. These rules send a Critical message straight to the operations
/// and pager topics (not through the functions, which may be what was changed) when someone disables or deletes the
/// rules or their targets, deletes or changes the topics, their key or their subscriptions, changes the functions'
/// code, configuration, roles or invoke permissions, deletes the table, or tampers with the dead-letter queue or the
/// alarms. A deployment of this stack triggers it too: that is a change to the alerting worth a message. IAM's events
/// exist only in us-east-1; outside it a companion stack there forwards them to this region (see GlobalEventsStack).
/// </summary>
internal sealed class SelfProtection : Construct
{
    public const string Heading = "Critical: GuardAlerts self-protection";

    public SelfProtection(Construct scope, string id, ProtectedResources watched, Delivery delivery, IReadOnlyList<Topic> targets)
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
            var cfn = (CfnRule)rule.Node.DefaultChild!;
            cfn.AddPropertyOverride("EventPattern", Whole(PatternPacker.Detail(groups[i])));
            // Targets written out rather than through the SnsTopic target, which would add an unconditioned
            // sns:Publish grant for events.amazonaws.com to the topic policy; the topic policy gets the rule's ARN.
            var input = message.Bind(rule);
            cfn.Targets = targets.Select((topic, n) => (object)new CfnRule.TargetProperty
            {
                Id = $"Topic{n}",
                Arn = topic.TopicArn,
                InputTransformer = new CfnRule.InputTransformerProperty { InputTemplate = input.InputTemplate!, InputPathsMap = input.InputPathsMap },
                DeadLetterConfig = new CfnRule.DeadLetterConfigProperty { Arn = delivery.DeadLetterQueue.QueueArn },
                RetryPolicy = new CfnRule.RetryPolicyProperty
                {
                    MaximumEventAgeInSeconds = (int)Delivery.MaxEventAge.ToSeconds(),
                    MaximumRetryAttempts = Delivery.RetryAttempts,
                },
            }).ToArray();
            delivery.DeadLetterQueue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
            {
                Principals = [new ServicePrincipal("events.amazonaws.com")],
                Actions = ["sqs:SendMessage"],
                Resources = [delivery.DeadLetterQueue.QueueArn],
                Conditions = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = rule.RuleArn } },
            }));
            Rules.Add(rule);
        }

        foreach (var topic in targets)
        {
            AlertTopic.AllowService(topic, "events.amazonaws.com", Rules.Select(r => r.RuleArn).ToList());
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
        // rules and alarms are matched by that prefix (the companion stack in us-east-1 is named with it too).
        object ours = Prefix(w.StackName + "-");
        var functionNames = w.Functions.Select(f => (object)Suffix(f.Function.FunctionName)).ToArray();
        object[] roleNames = [.. w.Functions.Select(f => (object)f.Role.RoleName), .. w.ForeignRolePrefixes.Select(p => (object)Prefix(p))];
        var topics = w.Topics.Select(t => (object)t.TopicArn).ToArray();
        var subscriptions = w.Topics.Select(t => (object)Prefix(t.TopicArn + ":")).ToArray();
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
            Clause("sns.amazonaws.com", ["DeleteTopic", "SetTopicAttributes", "AddPermission", "RemovePermission", "Subscribe"], "topicArn", topics),
            Clause("sns.amazonaws.com", ["Unsubscribe", "SetSubscriptionAttributes"], "subscriptionArn", subscriptions),
            Clause("kms.amazonaws.com", ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"], "keyId", Suffix(w.Key.KeyId)),
            // DynamoDB takes the table's name or its ARN wherever it takes a table.
            Clause("dynamodb.amazonaws.com", ["DeleteTable", "UpdateTable", "UpdateTimeToLive", "UpdateContinuousBackups"], "tableName", w.Table.TableName, w.Table.TableArn),
            Clause("dynamodb.amazonaws.com", ["PutResourcePolicy", "DeleteResourcePolicy"], "resourceArn", Prefix(w.Table.TableArn)),
            Clause("sqs.amazonaws.com", ["DeleteQueue", "PurgeQueue", "SetQueueAttributes"], "queueUrl", Suffix("/" + w.DeadLetterQueue.QueueName)),
            Clause("monitoring.amazonaws.com", ["DeleteAlarms", "DisableAlarmActions"], "alarmNames", ours),
            Clause("monitoring.amazonaws.com", ["PutMetricAlarm"], "alarmName", ours),
            // IAM events arrive in us-east-1 only: there they reach this rule directly, or through the companion
            // stack's forwarder when this stack is in another region.
            Clause("iam.amazonaws.com", RoleChanges, "roleName", roleNames),
        ];
    }

    /// <summary>The IAM calls that change what a role may do or who may assume it.</summary>
    public static readonly object[] RoleChanges =
        ["PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "UpdateAssumeRolePolicy", "DeleteRole", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary"];

    public static Dictionary<string, object> Clause(string eventSource, object[] eventNames, string parameter, params object[] values) => new()
    {
        ["eventSource"] = new object[] { eventSource },
        ["eventName"] = eventNames,
        ["requestParameters"] = new Dictionary<string, object> { [parameter] = values },
    };

    public static Dictionary<string, object> Prefix(string value) => new() { ["prefix"] = value };

    private static Dictionary<string, object> Suffix(string value) => new() { ["suffix"] = value };
}
