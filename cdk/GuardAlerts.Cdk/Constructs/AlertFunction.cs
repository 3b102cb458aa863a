using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Lambda.Destinations;
using Amazon.CDK.AWS.Logs;
using Constructs;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Accounts;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// One function (GuardDuty or CloudTrail) from the shared Native AOT bootstrap, with a role that can touch only its
/// table, its topic (and key), its log group and its dead-letter queue.
/// </summary>
internal sealed class AlertFunction : Construct, IPipelineFunction
{
    /// <summary>How long a ledger claim stays exclusive (GUARDALERTS_LEASE_SECONDS).</summary>
    public const int LeaseSeconds = 120;

    /// <summary>
    /// Half the lease: an invocation killed at its timeout has left its claim leased long enough that no retry can
    /// publish the same alert while it is still running, and the lease expires soon after for the retry to take over.
    /// </summary>
    public const int TimeoutSeconds = 60;

    /// <summary>
    /// Measured: the bootstrap's peak RSS is about 22 MB while handling an alerting event (policy loaded, DynamoDB and
    /// SNS clients retrying), so the smallest size fits with room to spare.
    /// </summary>
    public const int MemoryMb = 128;

    public AlertFunction(Construct scope, string id, AlertFunctionProps props) : base(scope, id)
    {
        Kind = props.Kind;
        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            Retention = RetentionDays.THREE_MONTHS,
            // The decision log answers "why was I not alerted?" after an incident: keep it past a teardown.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // A role of our own: the managed basic execution policy would let it write to every log group ("*").
        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = props.RoleName,
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = $"GuardAlerts {props.Kind} function: its ledger table, its topic, its logs",
        });
        LogGroup.GrantWrite(Role);
        props.Table.Grant(Role, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
        props.Alerts.GrantPublish(Role);

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = $"GuardAlerts: {props.Kind} events to alerts",
            Runtime = Runtime.PROVIDED_AL2023,
            Architecture = Architecture.X86_64,
            Handler = props.Kind,
            Code = props.Code,
            Layers = [props.Policy],
            MemorySize = MemoryMb,
            Timeout = Duration.Seconds(TimeoutSeconds),
            Role = Role,
            LogGroup = LogGroup,
            Environment = new Dictionary<string, string>
            {
                ["GUARDALERTS_TABLE"] = props.Table.TableName,
                ["GUARDALERTS_TOPIC_ARN"] = props.Alerts.Topic.TopicArn,
                ["GUARDALERTS_LEASE_SECONDS"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["GUARDALERTS_POLICY_DIR"] = FunctionPackage.MountedPolicyDirectory,
            },
            // Asynchronous invocations (EventBridge): two retries, then the event and its error go to the queue.
            RetryAttempts = 2,
            MaxEventAge = Duration.Hours(6),
            OnFailure = new SqsDestination(props.DeadLetterQueue),
        });
        if (props.Alerts.Chat is { } chat)
        {
            Function.AddEnvironment("GUARDALERTS_CHAT_TOPIC_ARN", chat.TopicArn);
        }
    }

    /// <summary>
    /// Alerts name accounts with <paramref name="names"/> (GUARDALERTS_ACCOUNT_NAMES) and, in a central stack, with the
    /// organization's names the ledger keeps (GUARDALERTS_ORGANIZATION_NAMES; the table's GetItem is granted above).
    /// </summary>
    public void NameAccounts(AccountNames names, bool organization)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count > 0)
        {
            Function.AddEnvironment(AccountNamesBudget.Variable, names.ToString());
        }

        if (organization)
        {
            Function.AddEnvironment("GUARDALERTS_ORGANIZATION_NAMES", "true");
        }
    }

    /// <summary>"guardduty" or "cloudtrail".</summary>
    public string Kind { get; }

    public Function Function { get; }

    public Role Role { get; }

    public LogGroup LogGroup { get; }
}
