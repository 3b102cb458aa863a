using System.Text.Json.Nodes;
using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Tests.Configuration;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>
/// The chat channels: AWS Chatbot subscribes to every topic a channel names, with no filter policy, so a channel may
/// name only topics that never carry the heartbeat canary; and chat is for reading, never for commands.
/// </summary>
// In the synth collection: the jsii runtime must not start in two test classes at once.
[Collection(CdkSynthCollection.Name)]
public sealed class ChatChannelsTests : IDisposable
{
    private readonly string _outdir = Path.Combine(Path.GetTempPath(), "guardalerts-chat-" + Guid.NewGuid().ToString("N"));

    private JsonNode Synth(params (string Key, string Value)[] context)
    {
        var package = InProcessStacksFixture.StandInPackage(Path.Combine(_outdir, "package"), GuardAlerts.Testing.RepoPaths.Config);
        var app = new App(new AppProps { Outdir = Path.Combine(_outdir, "cdk.out"), Context = context.ToDictionary(c => c.Key, c => (object)c.Value) });
        var stack = GuardAlertsApp.AddStacks(app, DeploymentSettings.FromContext(app.Node.TryGetContext), RiskTables.Repo(), package, "111122223333", "eu-west-1").Single();
        return JsonNode.Parse(File.ReadAllText(Path.Combine(app.Synth().Directory, stack.TemplateFile)))!;
    }

    private JsonNode BothChannels() => Synth(("slackWorkspaceId", "T0123ABCD"), ("slackChannelId", "C0123ABCD"),
        ("teamsTenantId", ChatSettingsTests.Tenant), ("teamsTeamId", ChatSettingsTests.Team), ("teamsChannelId", ChatSettingsTests.TeamsChannel));

    [Fact]
    public void Channels_ShouldPostTheChatOperationsAndNoticesTopicsButNeverTheAlertTopic()
    {
        var template = BothChannels();
        var expected = new[] { "Chat", "Operations", "Notices" }.Select(t => TemplateJson.Topic(template, t)).Order(StringComparer.Ordinal).ToList();
        var configurations = TemplateJson.Resources(template, "AWS::Chatbot::SlackChannelConfiguration")
            .Concat(TemplateJson.Resources(template, "AWS::Chatbot::MicrosoftTeamsChannelConfiguration")).ToList();

        Assert.Equal(2, configurations.Count);
        foreach (var (_, properties) in configurations)
        {
            // The alert topic carries the canary, which Chatbot's own unfiltered subscription would post every hour.
            Assert.Equal(expected, properties["SnsTopicArns"]!.AsArray().Select(a => TemplateJson.Ref(a)!).Order(StringComparer.Ordinal).ToList());
            Assert.False((bool)properties["UserRoleRequired"]!);
            Assert.Equal("ERROR", (string)properties["LoggingLevel"]!);
        }
    }

    [Fact]
    public void Channels_ShouldAssumeARoleThatCanOnlyReadCloudWatchUnderTheSameGuardrail()
    {
        var template = BothChannels();
        var role = Assert.Single(TemplateJson.Resources(template, "AWS::IAM::Role"),
            r => TemplateJson.Services(r.Properties["AssumeRolePolicyDocument"]!["Statement"]![0]!).Contains("chatbot.amazonaws.com"));
        Assert.Null(role.Properties["ManagedPolicyArns"]);
        var statements = role.Properties["Policies"]!.AsArray().SelectMany(p => p!["PolicyDocument"]!["Statement"]!.AsArray()).ToList();
        var guardrail = Assert.Single(TemplateJson.Resources(template, "AWS::IAM::ManagedPolicy"),
            p => p.Id.StartsWith("ChatGuardrail", StringComparison.Ordinal));
        statements.AddRange(guardrail.Properties["PolicyDocument"]!["Statement"]!.AsArray());

        Assert.All(statements, s =>
        {
            Assert.Equal("Allow", (string)s!["Effect"]!);
            Assert.All(TemplateJson.Strings(s["Action"]), a => Assert.Matches("^cloudwatch:(Describe|Get|List)\\*$", a));
        });
        foreach (var type in new[] { "AWS::Chatbot::SlackChannelConfiguration", "AWS::Chatbot::MicrosoftTeamsChannelConfiguration" })
        {
            var (_, properties) = Assert.Single(TemplateJson.Resources(template, type));
            Assert.Equal(role.Id, TemplateJson.GetAttTarget(properties["IamRoleArn"]));
            // Without guardrails Chatbot's ceiling is AdministratorAccess.
            Assert.Equal(guardrail.Id, TemplateJson.Ref(Assert.Single(properties["GuardrailPolicies"]!.AsArray())));
        }
    }

    [Fact]
    public void ChatTopic_ShouldBeEncryptedWithTheAlertKeyAndNamedToTheFunctions()
    {
        var template = BothChannels();
        var alerts = TemplateJson.Resources(template, "AWS::SNS::Topic").Single(t => t.Id.StartsWith("AlertsTopic", StringComparison.Ordinal));
        var chat = TemplateJson.Resources(template, "AWS::SNS::Topic").Single(t => t.Id.StartsWith("AlertsChat", StringComparison.Ordinal));

        Assert.Equal(TemplateJson.GetAttTarget(alerts.Properties["KmsMasterKeyId"]), TemplateJson.GetAttTarget(chat.Properties["KmsMasterKeyId"]));
        Assert.NotNull(TemplateJson.GetAttTarget(chat.Properties["KmsMasterKeyId"]));
        foreach (var (_, function) in TemplateJson.Resources(template, "AWS::Lambda::Function").Where(f => f.Properties["Handler"] is not null))
        {
            Assert.Equal(chat.Id, TemplateJson.Ref(function["Environment"]!["Variables"]!["GUARDALERTS_CHAT_TOPIC_ARN"]));
        }
    }

    [Fact]
    public void SelfProtection_ShouldAlsoReachChatAsACustomNotification()
    {
        var template = BothChannels();
        var notices = TemplateJson.Topic(template, "Notices");
        var rules = TemplateJson.Resources(template, "AWS::Events::Rule").Where(r => ((string?)r.Properties["Description"])?.StartsWith("GuardAlerts self-protection", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(rules);
        foreach (var (id, rule) in rules)
        {
            var target = rule["Targets"]!.AsArray().SingleOrDefault(t => TemplateJson.Ref(t!["Arn"]) == notices);
            Assert.True(target is not null, $"{id} does not post to chat");
            var body = (string)target!["InputTransformer"]!["InputTemplate"]!;
            Assert.Contains("\"source\":\"custom\"", body, StringComparison.Ordinal);
            Assert.Contains("\"textType\":\"client-markdown\"", body, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A channel configuration pointed at another channel, stripped of its topics or deleted, or the workspace's or
    /// team's authorization removed, silences chat without touching a topic or subscription of the stack: self-protection
    /// must report it. Chatbot takes the configuration's ARN in these calls; a call that names none (an authorization's
    /// removal) stops every configuration of the account, so any such call is reported.
    /// </summary>
    [Theory]
    [InlineData("UpdateSlackChannelConfiguration")]
    [InlineData("DeleteSlackChannelConfiguration")]
    [InlineData("UpdateMicrosoftTeamsChannelConfiguration")]
    [InlineData("DeleteMicrosoftTeamsChannelConfiguration")]
    [InlineData("DeleteSlackWorkspaceAuthorization")]
    [InlineData("DeleteMicrosoftTeamsConfiguredTeam")]
    public void SelfProtection_ShouldReportAChangeToTheChatChannels(string eventName)
    {
        var template = BothChannels();
        var change = Routing.SampleRoutingTests.ApiCall("chatbot.amazonaws.com", eventName, readOnly: false,
            new JsonObject { ["chatConfigurationArn"] = "arn:aws:chatbot::111122223333:chat-configuration/slack-channel/GuardAlerts-eu-west-1-Slack" }, "eu-west-1");
        var rules = TemplateJson.Resources(template, "AWS::Events::Rule")
            .Where(r => ((string?)r.Properties["Description"])?.StartsWith("GuardAlerts self-protection", StringComparison.Ordinal) == true).ToList();

        Assert.Contains(rules, r => GuardAlerts.Testing.Routing.EventPatternMatcher.Matches(r.Properties["EventPattern"]!, change));
    }

    [Fact]
    public void Stack_WithoutAChatChannel_ShouldHaveNoChatTopicsAndNoCopy()
    {
        var template = Synth(("alertEmails", "a@example.com"));

        Assert.Empty(TemplateJson.Resources(template, "AWS::Chatbot::SlackChannelConfiguration"));
        Assert.Equal(3, TemplateJson.Resources(template, "AWS::SNS::Topic").Count());
        Assert.All(TemplateJson.Resources(template, "AWS::Lambda::Function").Where(f => f.Properties["Handler"] is not null),
            f => Assert.Null(f.Properties["Environment"]!["Variables"]!["GUARDALERTS_CHAT_TOPIC_ARN"]));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_outdir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
