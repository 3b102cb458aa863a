using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.Destinations;
using Amazon.CDK.AWS.Logs;
using Constructs;
using GuardAlerts.Core.Members;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// A central stack's silent-member check (docs/organizations.md): the members function (the shared bootstrap with
/// _HANDLER "members"), a rule on the central bus that gives it every member's hourly heartbeat, and a schedule that
/// runs the check every 15 minutes. Its messages go to the pager topic. Its role may read and write the ledger table
/// (no delete), publish to the pager topic only, and list the organization's accounts only when organizationId is set.
/// </summary>
internal sealed class SilentMembers : Construct, IPipelineFunction
{
    /// <summary>How often the check runs: a silence is reported at most this long after it passes two hours.</summary>
    public static readonly Duration CheckInterval = Duration.Minutes(15);

    /// <summary>What the members function does with the ledger: read the members (one by one and in batches), record them.</summary>
    public static readonly string[] TableActions = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:PutItem"];

    /// <summary>The partition keys of the members function's items in the ledger table.</summary>
    public static readonly string[] LedgerKeys = ["member#*", "org#*"];

    /// <summary>A thousand accounts in four regions is forty BatchGetItem calls and, the first time, 4,000 writes.</summary>
    public const int TimeoutSeconds = 300;

    public SilentMembers(Construct scope, string id, SilentMembersProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        LogGroup = new LogGroup(this, "Logs", new Amazon.CDK.AWS.Logs.LogGroupProps { Retention = RetentionDays.THREE_MONTHS, RemovalPolicy = RemovalPolicy.RETAIN });
        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = props.RoleName,
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "GuardAlerts members function: the member records in its ledger table, the pager topic, its logs",
        });
        LogGroup.GrantWrite(Role);
        // Its own items only ("member#...", "org#directory"): the role cannot write an alert's dedup entry, so a
        // members function made to misbehave could not mark the next alerts as already sent (dynamodb:LeadingKeys, the
        // partition key of every item a request names).
        Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = TableActions,
            Resources = [props.Table.TableArn],
            Conditions = new Dictionary<string, object>
            {
                ["ForAllValues:StringLike"] = new Dictionary<string, object> { ["dynamodb:LeadingKeys"] = LedgerKeys },
            },
        }));
        props.Pager.GrantPublish(Role);
        var environment = new Dictionary<string, string>
        {
            ["GUARDALERTS_TABLE"] = props.Table.TableName,
            // The members function publishes operational messages only, to the pager topic.
            ["GUARDALERTS_TOPIC_ARN"] = props.Pager.TopicArn,
            ["GUARDALERTS_MEMBER_REGIONS"] = Fn.Join(",", [.. props.Regions]),
        };
        if (props.Organization.OrganizationId is { } organizationId)
        {
            environment["GUARDALERTS_ORGANIZATION_ID"] = organizationId;
            // Neither call supports resource-level permissions: "*" is the only resource they take.
            Role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = ["organizations:ListAccounts", "organizations:DescribeOrganization"],
                Resources = ["*"],
            }));
        }
        else
        {
            environment["GUARDALERTS_MEMBER_ACCOUNTS"] = string.Join(",", props.Organization.MemberAccounts);
        }

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = "GuardAlerts: member heartbeats and the silent-member check",
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = Kind,
            Code = props.Code,
            MemorySize = AlertFunction.MemoryMb,
            Timeout = Duration.Seconds(TimeoutSeconds),
            Role = Role,
            LogGroup = LogGroup,
            Environment = environment,
            RetryAttempts = 2,
            MaxEventAge = Duration.Hours(6),
            OnFailure = new SqsDestination(props.Delivery.DeadLetterQueue),
        });

        HeartbeatRuleName = props.Names.Name("CentralMemberHeartbeat");
        Heartbeats = new Rule(this, "Heartbeats", new RuleProps
        {
            RuleName = HeartbeatRuleName,
            Description = "GuardAlerts: every member region's hourly heartbeat, to the silent-member check",
            EventBus = props.CentralBus,
            // Only EventBridge can send an aws.* source: this is the member's own schedule firing.
            EventPattern = new EventPattern
            {
                Source = ["aws.events"],
                DetailType = ["Scheduled Event"],
                Resources = Match.Suffix($":rule/{MemberInvocation.HeartbeatRule}"),
            },
        });
        Heartbeats.AddTarget(Target(null, props.Delivery));

        CheckRuleName = props.Names.Name("MemberCheck");
        Check = new Rule(this, "Check", new RuleProps
        {
            RuleName = CheckRuleName,
            Description = "GuardAlerts: the silent-member check, every 15 minutes",
            Schedule = Schedule.Rate(CheckInterval),
        });
        Check.AddTarget(Target(RuleTargetInput.FromObject(new Dictionary<string, object>
        {
            ["detail-type"] = MemberInvocation.CheckDetailType,
            ["time"] = EventField.Time,
        }), props.Delivery));
    }

    /// <summary>The _HANDLER value.</summary>
    public string Kind => "members";

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }

    /// <summary>The rule on the central bus that matches the members' heartbeats.</summary>
    public Rule Heartbeats { get; }

    public string HeartbeatRuleName { get; }

    /// <summary>The check's schedule, on the default bus.</summary>
    public Rule Check { get; }

    public string CheckRuleName { get; }

    public IReadOnlyList<Rule> Rules => [Heartbeats, Check];

    public IReadOnlyList<string> RuleNames => [HeartbeatRuleName, CheckRuleName];

    private LambdaFunction Target(RuleTargetInput? input, Delivery delivery) => new(Function, new LambdaFunctionProps
    {
        Event = input,
        DeadLetterQueue = delivery.DeadLetterQueue,
        MaxEventAge = Delivery.MaxEventAge,
        RetryAttempts = Delivery.RetryAttempts,
    });
}
