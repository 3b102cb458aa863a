using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Core.Members;
using GuardAlerts.Testing.Routing;
using Org = GuardAlerts.Cdk.Tests.Support.OrganizationStacksFixture;

namespace GuardAlerts.Cdk.Tests.Organization;

/// <summary>The central stack's silent-member check: its function, the heartbeat rule on the central bus, the schedule, and what its role may do.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class SilentMembersTests(OrganizationStacksFixture org)
{
    private const string Rule = "AWS::Events::Rule";

    private static (string Id, JsonObject Properties) MembersFunction(JsonNode json) =>
        Assert.Single(TemplateJson.Resources(json, "AWS::Lambda::Function"), f => (string?)f.Properties["Handler"] == "members");

    private static JsonObject Environment(JsonNode json) => MembersFunction(json).Properties["Environment"]!["Variables"]!.AsObject();

    private static IEnumerable<(string Id, JsonObject Properties)> RulesTargeting(JsonNode json, string functionId) =>
        TemplateJson.Resources(json, Rule).Where(r => r.Properties["Targets"]?.AsArray().Any(t => TemplateJson.GetAttTarget(t!["Arn"]) == functionId) == true);

    // The heartbeat exactly as the member template's schedule produces it, after it crossed to the central bus.
    private static JsonNode MemberHeartbeat(string account, string region, string rule = "GuardAlertsMember-Heartbeat", string source = "aws.events") => new JsonObject
    {
        ["version"] = "0",
        ["id"] = "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        ["detail-type"] = "Scheduled Event",
        ["source"] = source,
        ["account"] = account,
        ["time"] = "2026-12-01T10:00:00Z",
        ["region"] = region,
        ["resources"] = new JsonArray($"arn:aws:events:{region}:{account}:rule/{rule}"),
        ["detail"] = new JsonObject(),
    };

    [Fact]
    public void Central_ShouldRunTheMembersHandlerOfTheSharedBootstrapWithItsSettings()
    {
        var json = org.CentralOrganization.Json;
        var function = MembersFunction(json).Properties;
        var others = TemplateJson.Resources(json, "AWS::Lambda::Function").Where(f => (string?)f.Properties["Handler"] != "members").ToList();
        var variables = Environment(json);

        Assert.Equal(2, others.Count);
        Assert.All(others, o => Assert.Equal(o.Properties["Code"]!.ToJsonString(), function["Code"]!.ToJsonString()));
        Assert.Equal("provided.al2023", (string?)function["Runtime"]);
        Assert.Equal(Org.OrganizationId, (string?)variables["GUARDALERTS_ORGANIZATION_ID"]);
        Assert.Null(variables["GUARDALERTS_MEMBER_ACCOUNTS"]);
        Assert.Equal(TemplateJson.Topic(json, "Pager"), TemplateJson.Ref(variables["GUARDALERTS_TOPIC_ARN"]));
        Assert.Contains(Org.Region, variables["GUARDALERTS_MEMBER_REGIONS"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["GUARDALERTS_MEMBER_ACCOUNTS", "GUARDALERTS_MEMBER_REGIONS", "GUARDALERTS_TABLE", "GUARDALERTS_TOPIC_ARN"],
            Environment(org.CentralAccounts.Json).Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.Equal($"{Org.MemberAccount},777788889999", (string?)Environment(org.CentralAccounts.Json)["GUARDALERTS_MEMBER_ACCOUNTS"]);
    }

    [Fact]
    public void Central_ShouldGiveTheMembersFunctionEachMembersHeartbeatFromTheCentralBusAndNothingElse()
    {
        var json = org.CentralOrganization.Json;
        var bus = Assert.Single(TemplateJson.Resources(json, "AWS::Events::EventBus")).Id;
        var rule = Assert.Single(RulesTargeting(json, MembersFunction(json).Id), r => r.Properties["EventPattern"] is not null).Properties;
        var pattern = rule["EventPattern"]!;

        Assert.Equal(bus, TemplateJson.Ref(rule["EventBusName"]));
        Assert.True(EventPatternMatcher.Matches(pattern, MemberHeartbeat(Org.MemberAccount, "ap-southeast-2")));
        Assert.False(EventPatternMatcher.Matches(pattern, MemberHeartbeat(Org.MemberAccount, Org.Region, rule: "GuardAlertsMember-Protection")));
        Assert.False(EventPatternMatcher.Matches(pattern, MemberHeartbeat(Org.MemberAccount, Org.Region, rule: "Other-GuardAlertsMember-Heartbeat-x")));
        Assert.False(EventPatternMatcher.Matches(pattern, MemberHeartbeat(Org.MemberAccount, Org.Region, source: "custom.heartbeat")));
        var target = Assert.Single(rule["Targets"]!.AsArray())!;
        Assert.Null(target["Input"]);
        Assert.NotNull(target["DeadLetterConfig"]);
    }

    [Fact]
    public void MemberTemplatesHeartbeat_ShouldBeTheRuleTheCentralCheckRecognises()
    {
        var heartbeat = Assert.Single(TemplateJson.Resources(org.Member.Json, Rule), r => r.Properties["ScheduleExpression"] is not null).Properties;

        Assert.Equal(MemberInvocation.HeartbeatRule, (string?)heartbeat["Name"]);
        var read = MemberInvocation.Read(System.Text.Encoding.UTF8.GetBytes(MemberHeartbeat(Org.MemberAccount, Org.Region).ToJsonString()));
        Assert.Equal(new MemberId(Org.MemberAccount, Org.Region), read.Heartbeat);
    }

    [Fact]
    public void Central_ShouldRunTheCheckEveryFifteenMinutesOnTheDefaultBus()
    {
        var json = org.CentralOrganization.Json;
        var schedule = Assert.Single(RulesTargeting(json, MembersFunction(json).Id), r => r.Properties["ScheduleExpression"] is not null).Properties;

        Assert.Equal("rate(15 minutes)", (string?)schedule["ScheduleExpression"]);
        Assert.Null(schedule["EventBusName"]);
        var template = (string)Assert.Single(schedule["Targets"]!.AsArray())!["InputTransformer"]!["InputTemplate"]!;
        Assert.Contains($"\"detail-type\":\"{MemberInvocation.CheckDetailType}\"", template, StringComparison.Ordinal);
    }

    [Fact]
    public void MembersRole_ShouldTouchOnlyTheLedgerThePagerTopicItsLogsAndTheOrganizationList()
    {
        foreach (var (json, organization) in new[] { (org.CentralOrganization.Json, true), (org.CentralAccounts.Json, false) })
        {
            var role = MembersFunction(json).Properties["Role"];
            var roleId = TemplateJson.GetAttTarget(role);
            var table = Assert.Single(TemplateJson.Resources(json, "AWS::DynamoDB::Table")).Id;
            var policy = Assert.Single(TemplateJson.Resources(json, "AWS::IAM::Policy"), p => p.Properties["Roles"]!.AsArray().Any(r => TemplateJson.Ref(r) == roleId)).Properties;
            var statements = policy["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!).ToList();
            string[] Actions(JsonNode s) => s["Action"] is JsonArray a ? [.. a.Select(x => (string)x!)] : [(string)s["Action"]!];

            var dynamo = Assert.Single(statements, s => Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
            Assert.Equal(["dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], Actions(dynamo).Order(StringComparer.Ordinal));
            var resources = dynamo["Resource"] is JsonArray many ? many.Where(r => r!.ToJsonString() != "{\"Ref\":\"AWS::NoValue\"}").ToList() : [dynamo["Resource"]];
            Assert.Equal(table, TemplateJson.GetAttTarget(Assert.Single(resources)));
            // Its own items only: no alert's dedup key ("ct#", "gd#", "th#", "canary#") matches these.
            Assert.Equal("[\"member#*\",\"org#*\"]", dynamo["Condition"]?["ForAllValues:StringLike"]?["dynamodb:LeadingKeys"]?.ToJsonString());
            var sns = Assert.Single(statements, s => Actions(s).Contains("sns:Publish"));
            Assert.Equal(TemplateJson.Topic(json, "Pager"), TemplateJson.Ref(sns["Resource"]));
            var organizations = statements.Where(s => Actions(s).Any(a => a.StartsWith("organizations:", StringComparison.Ordinal))).ToList();
            Assert.Equal(organization ? 1 : 0, organizations.Count);
            if (organization)
            {
                Assert.Equal(["organizations:DescribeOrganization", "organizations:ListAccounts"], Actions(organizations[0]).Order(StringComparer.Ordinal));
            }

            Assert.DoesNotContain(statements, s => Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal) || a == "dynamodb:DeleteItem"));
        }
    }

    [Fact]
    public void Central_ShouldLetTheMembersRoleWriteTheLedgerAndWatchItsRulesAndErrors()
    {
        var json = org.CentralOrganization.Json;
        var roleName = $"GuardAlerts-{Org.Region}-MembersRole";
        Assert.Contains(roleName, TemplateJson.Resources(json, "AWS::IAM::Role").Select(r => (string?)r.Properties["RoleName"]));
        var ledgerPolicy = Assert.Single(TemplateJson.Resources(json, "AWS::DynamoDB::Table")).Properties["ResourcePolicy"]!.ToJsonString();
        Assert.Contains($":role/{roleName}", ledgerPolicy, StringComparison.Ordinal);

        var rules = RulesTargeting(json, MembersFunction(json).Id).ToList();
        var protection = TemplateJson.Resources(json, Rule).Where(r => ((string?)r.Properties["Name"])?.Contains("SelfProtectionRules", StringComparison.Ordinal) == true)
            .Select(r => r.Properties["EventPattern"]!.ToJsonString()).ToList();
        var alarms = TemplateJson.Resources(json, "AWS::CloudWatch::Alarm").Select(a => a.Properties.ToJsonString()).ToList();
        Assert.Equal(2, rules.Count);
        Assert.All(rules, rule =>
        {
            var name = (string)rule.Properties["Name"]!;
            Assert.Contains(protection, p => p.Contains($"\"{name}\"", StringComparison.Ordinal));
            // A default-bus rule's alarm names it by reference, a central-bus rule's by its literal name (see PipelineAlarms).
            Assert.Contains(alarms, a => a.Contains("FailedInvocations", StringComparison.Ordinal)
                && (a.Contains($"\"{name}\"", StringComparison.Ordinal) || a.Contains($"{{\"Ref\":\"{rule.Id}\"}}", StringComparison.Ordinal)));
        });
        Assert.Contains(alarms, a => a.Contains("\"MetricName\":\"Errors\"", StringComparison.Ordinal) && a.Contains(MembersFunction(json).Id, StringComparison.Ordinal));
    }
}
