using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using Constructs;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Constructs;

namespace GuardAlerts.Cdk;

/// <summary>
/// Everything GuardAlerts needs in one account and region: the two functions, the rules that feed them, the ledger
/// table, the alert topic and its subscriptions, the dead-letter queue, the alarms, the heartbeat, the
/// self-protection rules and, on request, a management-events trail.
/// </summary>
internal sealed class GuardAlertsStack : Stack
{
    /// <summary>The purposes (see <see cref="PhysicalNames"/>) of the stack's roles: the two functions', then redrive's.</summary>
    public static readonly IReadOnlyList<string> RolePurposes = ["GuardDutyRole", "CloudTrailRole", "RedriveRole"];

    /// <summary>The roles of a deployment: a central one also has the members function's.</summary>
    public static IReadOnlyList<string> RolePurposesOf(DeploymentMode mode) => mode == DeploymentMode.Central ? [.. RolePurposes, "MembersRole"] : RolePurposes;

    public GuardAlertsStack(Construct scope, string id, GuardAlertsStackProps props) : base(scope, id, props)
    {
        var names = PhysicalNames.For(StackName, props.Env?.Region);
        var roleNames = RolePurposesOf(props.Settings.Organization.Mode).Select(names.Name).ToList();
        var alerts = new AlertTopic(this, "Alerts", props.Settings);
        var table = LedgerTable.Create(this, "Ledger", roleNames);
        var deadLetters = new Queue(this, "DeadLetters", new QueueProps
        {
            // SQS-managed keys: EventBridge and Lambda can always write, so a key policy mistake cannot drop failures.
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(14),
        });
        var delivery = new Delivery(deadLetters);
        // One asset per stack (an asset belongs to one stack), shared by both functions: one upload per region.
        var code = Code.FromAsset(Path.Combine(props.FunctionPackage, FunctionPackage.CodeFolder));
        var policy = PolicyLayer.Create(this, "Policy", Path.Combine(props.FunctionPackage, FunctionPackage.PolicyFolder));

        var guardDuty = new AlertFunction(this, "GuardDuty", new AlertFunctionProps("guardduty", code, table, alerts, deadLetters, roleNames[0], policy));
        var cloudTrail = new AlertFunction(this, "CloudTrail", new AlertFunctionProps("cloudtrail", code, table, alerts, deadLetters, roleNames[1], policy));
        AlertFunction[] functions = [guardDuty, cloudTrail];
        Array.ForEach(functions, f => f.NameAccounts(props.Settings.AccountNames, props.Settings.Organization.Mode == DeploymentMode.Central));
        var redrive = new RedriveRole(this, "Redrive", roleNames[2], table, alerts, deadLetters);

        var routing = new EventRouting(this, "Routing", props.RiskTable, guardDuty, cloudTrail, delivery, names);
        // A central deployment runs the same rules on the bus its members forward to (docs/organizations.md).
        var central = props.Settings.Organization.Mode == DeploymentMode.Central ? new CentralBus(this, "Central", props.Settings.Organization, names) : null;
        var centralRouting = central is null ? null : new EventRouting(this, "CentralRouting", props.RiskTable, guardDuty, cloudTrail, delivery, names, central.Bus, "Central");
        var heartbeat = new Heartbeat(this, "Heartbeat", functions, alerts, delivery, names);
        var members = central is null ? null : new SilentMembers(this, "Members", new SilentMembersProps(code, table, alerts.Pager, central.Bus, delivery, roleNames[3],
            props.Settings.Organization, MemberRegions(props.Settings), names));
        IPipelineFunction[] watched = members is null ? functions : [.. functions, members];
        var trail = props.CreateTrail ? new ManagementTrail(this, "ManagementEvents", StackName + "-management-events") : null;
        var protection = new SelfProtection(this, "SelfProtection",
            new ProtectedResources(names, watched, [guardDuty.Role, cloudTrail.Role, redrive.Role, .. members is null ? [] : new[] { members.Role }],
                [guardDuty.LogGroup, cloudTrail.LogGroup, .. members is null ? [] : new[] { members.LogGroup }],
                table, alerts.Topics, alerts.Key, deadLetters, [.. routing.RuleNames, .. centralRouting?.RuleNames ?? [], heartbeat.ScheduleName, .. members?.RuleNames ?? []],
                props.GlobalEvents, trail, props.Settings.HasChat),
            delivery, [alerts.Operations, alerts.Pager], central?.ProtectionRules, alerts.ChatNotices);
        if (props.Settings.HasChat)
        {
            _ = new ChatChannels(this, "Chat", props.Settings, names, [alerts.Chat!, alerts.Operations, alerts.ChatNotices!]);
        }

        new PipelineAlarms(this, "Alarms", watched, deadLetters, [.. routing.Rules, .. centralRouting?.Rules ?? [], .. protection.Rules, heartbeat.Schedule, .. members?.Rules ?? []], alerts, heartbeat.Alarms, names);
        if (central is not null)
        {
            Output("CentralBusArn", central.Bus.EventBusArn, "The bus the members forward to: deploy the members with -c centralBusArn=<this>");
        }

        if (trail is not null)
        {
            Output("TrailArn", trail.TrailArn, "The multi-region management-events trail created by -c createTrail=true");
        }

        Output("TopicArn", alerts.Topic.TopicArn, "The alert topic: subscribe more endpoints here");
        Output("OperationsTopicArn", alerts.Operations.TopicArn, "Every alarm and self-protection message (e-mail)");
        Output("PagerTopicArn", alerts.Pager.TopicArn, "Alarms that mean alerting is down, and self-protection messages (SMS)");
        if (alerts.Chat is not null)
        {
            Output("ChatTopicArn", alerts.Chat.TopicArn, "Copies of the alerts for the chat channels (never the heartbeat canary)");
        }

        Output("TableName", table.TableName, "The dedup ledger table");
        if (members is not null)
        {
            Output("MembersFunctionName", members.Function.FunctionName, "The members function: member heartbeats and the silent-member check");
            Output("MembersLogGroupName", members.LogGroup.LogGroupName, "The members function's log (aws logs tail <this>)");
        }

        Output("GuardDutyFunctionName", guardDuty.Function.FunctionName, "The GuardDuty function");
        Output("CloudTrailFunctionName", cloudTrail.Function.FunctionName, "The CloudTrail function");
        Output("GuardDutyLogGroupName", guardDuty.LogGroup.LogGroupName, "The GuardDuty function's decision log (aws logs tail <this>)");
        Output("CloudTrailLogGroupName", cloudTrail.LogGroup.LogGroupName, "The CloudTrail function's decision log (aws logs tail <this>)");
        Output("DeadLetterQueueUrl", deadLetters.QueueUrl, "Failed events: guard-alerts redrive --queue-url <this>");
        Output("RedriveRoleArn", redrive.Role.RoleArn, "Assume it to run guard-alerts redrive: only the functions and this role may write the ledger");
    }

    // memberRegions, else the regions of the deployment, else this stack's own region.
    private IReadOnlyList<string> MemberRegions(DeploymentSettings settings) =>
        settings.Organization.MemberRegions.Count > 0 ? settings.Organization.MemberRegions : settings.Regions.Count > 0 ? settings.Regions : [Region];

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
