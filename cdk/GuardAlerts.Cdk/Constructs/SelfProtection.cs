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
/// and pager topics (not through the functions, which may be what was changed) when someone changes any control-plane
/// setting that can stop an alert or an alarm from reaching a person: the stack's rules and their targets, the
/// functions (code, configuration, concurrency, asynchronous-invoke settings, permissions) and their log groups, the
/// roles, the topics, their subscriptions and data-protection policies, the account's SMS settings, the alert
/// topic's key, the ledger table and its resource policy, the dead-letter queue, the alarms, and the trail this stack
/// creates and its bucket (docs/security.md lists every call). A deployment of this stack triggers it too: that is a
/// change to the alerting worth a message. IAM's events exist only in us-east-1; outside it a companion stack there
/// forwards them to this region (see GlobalEventsStack).
/// CloudTrail records a call after it took effect, so a rule cannot report a change to itself: the rules that watch
/// EventBridge rules watch every other rule of the stack (and of its companion), and one more rule watches them.
/// </summary>
internal sealed class SelfProtection : Construct
{
    public const string Heading = "Critical: GuardAlerts self-protection";

    // Rule names per clause: every name is up to 64 characters, so ten of them and the clause's keys stay well within
    // the pattern budget however the names are packed.
    private const int NamesPerClause = 10;

    // more: further protection rules (a central stack's bus and what members forward about themselves).
    // chat: the chat notices topic, or null; it gets the message as an AWS Chatbot custom notification.
    public SelfProtection(Construct scope, string id, ProtectedResources watched, Delivery delivery, IReadOnlyList<Topic> targets,
        IReadOnlyList<ProtectionRule>? more = null, Topic? chat = null)
        : base(scope, id)
    {
        _delivery = delivery;
        // In chat every field is a code span: a session name or source is the caller's text and must not become markup
        // or a mention (IAM session names and CloudTrail's fields never hold a backtick).
        string What(string quote) => $"{quote}{EventField.FromPath("$.detail.eventName")}{quote} ({quote}{EventField.FromPath("$.detail.eventSource")}{quote}) "
            + $"by {quote}{EventField.FromPath("$.detail.userIdentity.arn")}{quote} from {quote}{EventField.FromPath("$.detail.sourceIPAddress")}{quote} "
            + $"in account {EventField.Account} {EventField.Region} at {EventField.Time}";
        var what = What("");
        const string Advice = "If this was not your own deployment of the GuardAlerts stack, treat it as an attack on the alerting: find the change in CloudTrail ";
        var eventId = EventField.FromPath("$.detail.eventID");
        var text = RuleTargetInput.FromText(
            $"{Heading}: {what}. Someone changed the alerting pipeline itself. {Advice}(event id {eventId}), revert it, and review what that principal did since.");
        _targets = [.. targets.Select(t => (t, text))];
        if (chat is not null)
        {
            // Chatbot posts only messages in a shape it knows (a plain text message is dropped): a custom notification.
            _targets.Add((chat, RuleTargetInput.FromObject(new Dictionary<string, object>
            {
                ["version"] = "1.0",
                ["source"] = "custom",
                ["content"] = new Dictionary<string, object>
                {
                    ["textType"] = "client-markdown",
                    ["title"] = $":rotating_light: {Heading}",
                    ["description"] = $"{What("`")}. Someone changed the alerting pipeline itself. {Advice}(event id `{eventId}`), revert it, and review what that principal did since.",
                },
            })));
        }

        var names = watched.Names;
        var groups = PatternPacker.Pack(Clauses(watched), Whole, TokenAwareLength);
        var resourceRules = new List<string>();
        for (var i = 0; i < groups.Count; i++)
        {
            var name = names.Name($"SelfProtection{i + 1}");
            resourceRules.Add(name);
            NewRule(groups.Count == 1 ? "Rule" : $"Rule{i + 1}", name, "changes to the alerting pipeline's own resources", groups[i]);
        }

        foreach (var rule in more ?? [])
        {
            resourceRules.Add(rule.Name);
            NewRule(rule.Id, rule.Name, rule.What, rule.Clauses, rule.Bus);
        }

        // The ring: "Rules" watches every rule but itself, "RulesWatch" watches "Rules".
        var watch = names.Name("SelfProtectionWatch");
        var everyOther = watched.RuleNames.Concat(resourceRules).Concat(watched.Companion?.RuleNames ?? []).Append(watch).ToList();
        var ruleGroups = PatternPacker.Pack(everyOther.Chunk(NamesPerClause).SelectMany(RuleClauses), Whole, TokenAwareLength);
        var watchers = new List<string>();
        for (var i = 0; i < ruleGroups.Count; i++)
        {
            var name = names.Name(ruleGroups.Count == 1 ? "SelfProtectionRules" : $"SelfProtectionRules{i + 1}");
            watchers.Add(name);
            NewRule(ruleGroups.Count == 1 ? "Rules" : $"Rules{i + 1}", name, "changes to the stack's EventBridge rules", ruleGroups[i]);
        }

        NewRule("RulesWatch", watch, "changes to the rules that watch the stack's EventBridge rules", RuleClauses(watchers).ToList());

        foreach (var (topic, _) in _targets)
        {
            AlertTopic.AllowService(topic, "events.amazonaws.com", Rules.Select(r => r.RuleArn).ToList());
        }
    }

    public List<Rule> Rules { get; } = [];

    private readonly Delivery _delivery;
    private readonly List<(Topic Topic, RuleTargetInput Message)> _targets;

    /// <summary>The IAM calls that change what a role may do or who may assume it.</summary>
    public static readonly object[] RoleChanges =
        ["PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "UpdateAssumeRolePolicy", "DeleteRole", "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary"];

    /// <summary>The AWS Chatbot calls that stop or divert a channel's posts.</summary>
    public static readonly object[] ChatChanges =
        ["UpdateSlackChannelConfiguration", "DeleteSlackChannelConfiguration", "DeleteSlackWorkspaceAuthorization",
            "UpdateMicrosoftTeamsChannelConfiguration", "DeleteMicrosoftTeamsChannelConfiguration", "DeleteMicrosoftTeamsConfiguredTeam"];

    /// <summary>
    /// Every EventBridge call that can stop a rule from delivering, on the named rules: PutRule replaces the whole
    /// rule (pattern, state), PutTargets replaces a target (another ARN, input or role), and the rest speak for
    /// themselves. CloudTrail records the rule as "name" in the first calls and as "rule" in the target calls.
    /// </summary>
    public static IEnumerable<Dictionary<string, object>> RuleClauses(IEnumerable<string> ruleNames)
    {
        var names = ruleNames.Cast<object>().ToArray();
        return
        [
            Clause("events.amazonaws.com", ["DisableRule", "DeleteRule", "PutRule"], "name", names),
            Clause("events.amazonaws.com", ["RemoveTargets", "PutTargets"], "rule", names),
        ];
    }

    public static Dictionary<string, object> Clause(string eventSource, object[] eventNames, string parameter, params object[] values) => new()
    {
        ["eventSource"] = new object[] { eventSource },
        ["eventName"] = eventNames,
        ["requestParameters"] = new Dictionary<string, object> { [parameter] = values },
    };

    public static Dictionary<string, object> Prefix(string value) => new() { ["prefix"] = value };

    /// <summary>
    /// The CloudFormation calls that remove or rewrite a stack's resources all at once. CloudFormation removes a rule
    /// after the call, so the call is reported while the rules that watch it may still exist; the rules' own
    /// deletions may not be, once those rules are gone. CloudTrail records the stack as "stackName", its name or ID.
    /// </summary>
    public static readonly object[] StackChanges = ["DeleteStack", "UpdateStack", "CreateChangeSet"];

    // Names and ARNs are tokens until deploy: size them as the longest they can resolve to.
    public static int TokenAwareLength(string value) => Token.IsUnresolved(value) ? 256 : PatternSize.EncodedLength(value);

    private void NewRule(string id, string name, string what, IReadOnlyList<Dictionary<string, object>> clauses, IEventBus? bus = null)
    {
        var rule = new Rule(this, id, new RuleProps
        {
            RuleName = name,
            Description = "GuardAlerts self-protection: " + what,
            EventPattern = new EventPattern { DetailType = [CloudTrailPatterns.ApiCallDetailType] },
            EventBus = bus,
        });
        var cfn = (CfnRule)rule.Node.DefaultChild!;
        cfn.AddPropertyOverride("EventPattern", Whole(PatternPacker.Detail(clauses)));
        // Targets written out rather than through the SnsTopic target, which would add an unconditioned
        // sns:Publish grant for events.amazonaws.com to the topic policy; the topic policy gets the rule's ARN.
        cfn.Targets = _targets.Select((target, n) => (object)new CfnRule.TargetProperty
        {
            Id = $"Topic{n}",
            Arn = target.Topic.TopicArn,
            InputTransformer = new CfnRule.InputTransformerProperty
            {
                InputTemplate = target.Message.Bind(rule).InputTemplate!,
                InputPathsMap = target.Message.Bind(rule).InputPathsMap,
            },
            DeadLetterConfig = new CfnRule.DeadLetterConfigProperty { Arn = _delivery.DeadLetterQueue.QueueArn },
            RetryPolicy = new CfnRule.RetryPolicyProperty
            {
                MaximumEventAgeInSeconds = (int)Delivery.MaxEventAge.ToSeconds(),
                MaximumRetryAttempts = Delivery.RetryAttempts,
            },
        }).ToArray();
        _delivery.DeadLetterQueue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("events.amazonaws.com")],
            Actions = ["sqs:SendMessage"],
            Resources = [_delivery.DeadLetterQueue.QueueArn],
            Conditions = new Dictionary<string, object> { ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = rule.RuleArn } },
        }));
        Rules.Add(rule);
    }

    private static Dictionary<string, object> Whole(Dictionary<string, object> detail) =>
        CloudTrailPatterns.WholePattern(CloudTrailPatterns.AwsSources, CloudTrailPatterns.ApiCallDetailType, detail);


    private static Dictionary<string, object> LambdaClause(object[] functionNames) =>
        // Lambda's CloudTrail names carry API versions (UpdateFunctionCode20150331v2), hence prefixes. Reserved
        // concurrency 0 stops a function; the event invoke config holds its retries and failure destination.
        Clause("lambda.amazonaws.com",
            [.. new[] { "UpdateFunctionCode", "UpdateFunctionConfiguration", "DeleteFunction", "PutFunctionConcurrency",
                "PutFunctionEventInvokeConfig", "UpdateFunctionEventInvokeConfig", "DeleteFunctionEventInvokeConfig",
                "RemovePermission", "AddPermission", "PutRuntimeManagementConfig" }.Select(Prefix)],
            "functionName", functionNames);

    private static IEnumerable<Dictionary<string, object>> Clauses(ProtectedResources w)
    {
        // The caller may name a function by name, ARN or partial ARN, with a ":qualifier" appended for some calls. Names
        // are tokens sized at their longest: two functions per clause keep one clause within the pattern budget.
        var functionClauses = w.Functions.Chunk(2).Select(chunk => LambdaClause(
            [.. chunk.SelectMany(f => new object[] { Suffix(f.Function.FunctionName), Wildcard($"*{f.Function.FunctionName}:*") })]));
        object[] roleNames = [.. w.Roles.Select(r => (object)r.RoleName), .. w.Companion is { } c ? [c.RoleName] : Array.Empty<object>()];
        var topics = w.Topics.Select(t => (object)t.TopicArn).ToArray();
        var subscriptions = w.Topics.Select(t => (object)Prefix(t.TopicArn + ":")).ToArray();
        var alarms = Prefix(w.Names.AlarmPrefix);
        var clauses = new List<Dictionary<string, object>>(functionClauses)
        {
            // The functions write their decisions and embedded metrics (canary, publish failures) to these.
            Clause("logs.amazonaws.com", ["DeleteLogGroup", "DeleteLogStream", "PutRetentionPolicy", "AssociateKmsKey", "DisassociateKmsKey"],
                "logGroupName", [.. w.LogGroups.Select(g => (object)g.LogGroupName)]),
            Clause("sns.amazonaws.com", ["DeleteTopic", "SetTopicAttributes", "AddPermission", "RemovePermission", "Subscribe"], "topicArn", topics),
            // A data-protection policy can deny or mask a publication.
            Clause("sns.amazonaws.com", ["PutDataProtectionPolicy"], "resourceArn", topics),
            Clause("sns.amazonaws.com", ["Unsubscribe", "SetSubscriptionAttributes"], "subscriptionArn", subscriptions),
            // Account-wide SMS settings: a spend limit of 0, the message type, the sandbox's verified numbers, and the
            // opt-out lists of AWS End User Messaging SMS, which SNS's SMS goes through.
            AnyCall("sns.amazonaws.com", ["SetSMSAttributes", "DeleteSMSSandboxPhoneNumber"]),
            AnyCall("sms-voice.amazonaws.com", ["PutOptedOutNumber", "SetTextMessageSpendLimitOverride"]),
            // KMS takes a key id or key ARN (not an alias) in these calls: both end with the key id.
            Clause("kms.amazonaws.com", ["DisableKey", "ScheduleKeyDeletion", "PutKeyPolicy"], "keyId", Suffix(w.Key.KeyId)),
            // DynamoDB takes the table's name or its ARN wherever it takes a table.
            Clause("dynamodb.amazonaws.com", ["DeleteTable", "UpdateTable", "UpdateTimeToLive", "UpdateContinuousBackups"], "tableName", w.Table.TableName, w.Table.TableArn),
            Clause("dynamodb.amazonaws.com", ["PutResourcePolicy", "DeleteResourcePolicy"], "resourceArn", Prefix(w.Table.TableArn)),
            Clause("sqs.amazonaws.com", ["DeleteQueue", "PurgeQueue", "SetQueueAttributes", "AddPermission", "RemovePermission"], "queueUrl", Suffix("/" + w.DeadLetterQueue.QueueName)),
            // Alarms are matched by the prefix of their explicit names (see PhysicalNames).
            Clause("monitoring.amazonaws.com", ["DeleteAlarms", "DisableAlarmActions"], "alarmNames", alarms),
            Clause("monitoring.amazonaws.com", ["PutMetricAlarm"], "alarmName", alarms),
            // IAM events arrive in us-east-1 only: there they reach this rule directly, or through the companion
            // stack's forwarder when this stack is in another region.
            Clause("iam.amazonaws.com", RoleChanges, "roleName", roleNames),
        };
        if (w.Chat)
        {
            // A channel configuration pointed at another channel, stripped of its topics or deleted, or the workspace's
            // or team's authorization removed, silences chat without touching a topic or subscription of this stack.
            // Any such call in the account is reported, whichever configuration it names: the removal of an
            // authorization names none, and Chatbot is configured in few places. Chatbot's API answers in several
            // regions and CloudTrail records a call where it was made, so only calls made in a region with a stack are
            // seen (docs/deploy.md).
            clauses.Add(AnyCall("chatbot.amazonaws.com", ChatChanges));
        }

        if (w.Trail is { } trail)
        {
            // CloudTrail takes the trail's name or ARN.
            clauses.Add(Clause("cloudtrail.amazonaws.com", ["StopLogging", "DeleteTrail", "UpdateTrail"], "name", trail.TrailName, trail.TrailArn));
            clauses.Add(Clause("cloudtrail.amazonaws.com", ["PutEventSelectors"], "trailName", trail.TrailName, trail.TrailArn));
            clauses.Add(Clause("s3.amazonaws.com", ["DeleteBucket", "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketLifecycle", "PutBucketVersioning"],
                "bucketName", trail.Bucket.BucketName));
        }

        return clauses;
    }

    private static Dictionary<string, object> AnyCall(string eventSource, object[] eventNames) => new()
    {
        ["eventSource"] = new object[] { eventSource },
        ["eventName"] = eventNames,
    };

    private static Dictionary<string, object> Suffix(string value) => new() { ["suffix"] = value };

    private static Dictionary<string, object> Wildcard(string value) => new() { ["wildcard"] = value };
}
