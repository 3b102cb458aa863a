using Amazon.CDK.AWS.Chatbot;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Constructs;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// The AWS Chatbot (Amazon Q Developer in chat applications) channel configurations for the Slack and Teams channels
/// given at deploy time. Each posts the chat topic (alerts, never the canary), the operations topic (CloudWatch alarms,
/// which Chatbot renders itself) and the chat notices topic (self-protection). Chat is for reading: the role Chatbot
/// assumes may only read CloudWatch (alarm charts), the guardrail allows nothing more, and channel members run no
/// commands with their own roles either.
/// </summary>
internal sealed class ChatChannels : Construct
{
    /// <summary>What notifications need: CloudWatch reads for the alarm details and charts Chatbot shows.</summary>
    public static readonly string[] NotificationActions = ["cloudwatch:Describe*", "cloudwatch:Get*", "cloudwatch:List*"];

    public ChatChannels(Construct scope, string id, DeploymentSettings settings, PhysicalNames names, IReadOnlyList<Topic> topics) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var readOnly = new PolicyStatement(new PolicyStatementProps { Actions = NotificationActions, Resources = ["*"] });
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("chatbot.amazonaws.com"),
            Description = "GuardAlerts chat channels: read CloudWatch alarms for notifications, nothing else",
            InlinePolicies = new Dictionary<string, PolicyDocument> { ["Notifications"] = new(new PolicyDocumentProps { Statements = [readOnly] }) },
        });
        // Without guardrails Chatbot applies AdministratorAccess as the channel's ceiling; this one is the notifications' needs.
        Guardrail = new ManagedPolicy(this, "Guardrail", new ManagedPolicyProps
        {
            Description = "GuardAlerts chat channels' guardrail: CloudWatch reads only, no commands that change anything",
            Statements = [readOnly],
        });
        var arns = topics.Select(t => t.TopicArn).ToArray();

        if (settings.Slack is { } slack)
        {
            _ = new CfnSlackChannelConfiguration(this, "Slack", new CfnSlackChannelConfigurationProps
            {
                ConfigurationName = names.Name("Slack"),
                SlackWorkspaceId = slack.WorkspaceId,
                SlackChannelId = slack.ChannelId,
                IamRoleArn = Role.RoleArn,
                GuardrailPolicies = [Guardrail.ManagedPolicyArn],
                SnsTopicArns = arns,
                UserRoleRequired = false,
                LoggingLevel = "ERROR",
            });
        }

        if (settings.Teams is { } teams)
        {
            _ = new CfnMicrosoftTeamsChannelConfiguration(this, "Teams", new CfnMicrosoftTeamsChannelConfigurationProps
            {
                ConfigurationName = names.Name("Teams"),
                TeamsTenantId = teams.TenantId,
                TeamId = teams.TeamId,
                TeamsChannelId = teams.ChannelId,
                IamRoleArn = Role.RoleArn,
                GuardrailPolicies = [Guardrail.ManagedPolicyArn],
                SnsTopicArns = arns,
                UserRoleRequired = false,
                LoggingLevel = "ERROR",
            });
        }
    }

    public Role Role { get; }

    public ManagedPolicy Guardrail { get; }
}
