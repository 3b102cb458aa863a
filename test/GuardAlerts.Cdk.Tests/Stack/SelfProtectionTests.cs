using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>Blinding the alerting is itself alerted on, Critical, straight to the topic.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class SelfProtectionTests(CdkSynthFixture synth)
{
    private const string Region = "us-east-1";

    [Theory]
    [InlineData("events.amazonaws.com", "DisableRule")]
    [InlineData("events.amazonaws.com", "DeleteRule")]
    [InlineData("events.amazonaws.com", "RemoveTargets")]
    [InlineData("sns.amazonaws.com", "DeleteTopic")]
    [InlineData("sns.amazonaws.com", "SetTopicAttributes")]
    [InlineData("sns.amazonaws.com", "Unsubscribe")]
    [InlineData("sns.amazonaws.com", "SetSubscriptionAttributes")]
    [InlineData("lambda.amazonaws.com", """{"prefix":"UpdateFunctionCode"}""")]
    [InlineData("lambda.amazonaws.com", """{"prefix":"UpdateFunctionConfiguration"}""")]
    [InlineData("lambda.amazonaws.com", """{"prefix":"DeleteFunction"}""")]
    [InlineData("lambda.amazonaws.com", """{"prefix":"RemovePermission"}""")]
    [InlineData("dynamodb.amazonaws.com", "DeleteTable")]
    [InlineData("kms.amazonaws.com", "ScheduleKeyDeletion")]
    [InlineData("sqs.amazonaws.com", "PurgeQueue")]
    [InlineData("monitoring.amazonaws.com", "DeleteAlarms")]
    [InlineData("iam.amazonaws.com", "DetachRolePolicy")]
    public void SelfProtection_ShouldWatch(string eventSource, string eventName)
    {
        Assert.Contains(Clauses(synth.Json(Region)), c =>
            TemplateJson.Strings(c["eventSource"]).Contains(eventSource) && TemplateJson.Strings(c["eventName"]).Contains(eventName));
    }

    [Fact]
    public void SelfProtection_ShouldMatchOnlyThisStacksResources()
    {
        var json = synth.Json(Region);
        var clauses = Clauses(json).ToList();
        // Only the account's SMS settings are watched whoever they are for: SNS sends this stack's SMS with them.
        Assert.All(clauses.Where(c => c["requestParameters"] is null), c => Assert.Subset(
            new HashSet<string> { "SetSMSAttributes", "DeleteSMSSandboxPhoneNumber", "PutOptedOutNumber", "SetTextMessageSpendLimitOverride" },
            TemplateJson.Strings(c["eventName"]).ToHashSet()));

        // Every rule of the stack, by the name the template gives it (no prefix that a shortened name could escape).
        var ruleNames = TemplateJson.Resources(json, "AWS::Events::Rule").Select(r => (string)r.Properties["Name"]!).ToHashSet();
        foreach (var parameter in new[] { "name", "rule" })
        {
            var watched = clauses.Where(c => TemplateJson.Strings(c["eventSource"]).Contains("events.amazonaws.com") && c["requestParameters"]![parameter] is not null)
                .SelectMany(c => TemplateJson.Strings(c["requestParameters"]![parameter])).ToHashSet();
            Assert.Equal(ruleNames, watched);
        }

        var functions = TemplateJson.Resources(json, "AWS::Lambda::Function").Select(f => f.Id).Order(StringComparer.Ordinal);
        var watchedFunctions = Parameter(clauses, "lambda.amazonaws.com", "functionName").AsArray()
            .Where(f => f!["suffix"] is not null).Select(f => TemplateJson.Ref(f!["suffix"])).Order(StringComparer.Ordinal);
        Assert.Equal(functions, watchedFunctions);

        var table = Assert.Single(TemplateJson.Resources(json, "AWS::DynamoDB::Table")).Id;
        Assert.Equal(table, TemplateJson.Ref(Parameter(clauses, "dynamodb.amazonaws.com", "tableName")[0]));
        var topics = TemplateJson.Resources(json, "AWS::SNS::Topic").Select(t => t.Id).Order(StringComparer.Ordinal);
        Assert.Equal(topics, Parameter(clauses, "sns.amazonaws.com", "topicArn").AsArray().Select(TemplateJson.Ref).Order(StringComparer.Ordinal)!);
        // DynamoDB takes the table's name or its ARN.
        var tableNames = Parameter(clauses, "dynamodb.amazonaws.com", "tableName").AsArray();
        Assert.Equal(table, TemplateJson.GetAttTarget(tableNames[1]));
    }

    [Fact]
    public void SelfProtection_ShouldSendACriticalMessageStraightToTheOperationsAndPagerTopics()
    {
        var json = synth.Json(Region);
        var rules = Rules(json).ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var targets = rule["Targets"]!.AsArray();
            Assert.Equal([TemplateJson.Topic(json, "Operations"), TemplateJson.Topic(json, "Pager")], targets.Select(t => TemplateJson.Ref(t!["Arn"])));
            foreach (var target in targets)
            {
                var template = (string)target!["InputTransformer"]!["InputTemplate"]!;
                Assert.StartsWith("\"Critical: GuardAlerts self-protection: <", template, StringComparison.Ordinal);
                Assert.Contains("$.detail.userIdentity.arn", target["InputTransformer"]!["InputPathsMap"]!.ToJsonString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void TopicPolicies_ShouldLetEventBridgePublishForTheSelfProtectionRulesOfThisAccountOnly()
    {
        var json = synth.Json(Region);
        var rules = TemplateJson.Resources(json, "AWS::Events::Rule").Where(r => r.Id.StartsWith("SelfProtection", StringComparison.Ordinal)).Select(r => r.Id).ToHashSet();
        foreach (var name in new[] { "Operations", "Pager" })
        {
            var statement = AlarmTests.TopicStatements(json, TemplateJson.Topic(json, name))
                .Single(s => TemplateJson.Services(s).Contains("events.amazonaws.com"));
            Assert.Equal(rules, statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray().Select(TemplateJson.GetAttTarget).ToHashSet()!);
            Assert.Equal("AWS::AccountId", TemplateJson.Ref(statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
        }

        // Nothing else may publish to the alert topic but the functions' roles.
        Assert.DoesNotContain(AlarmTests.TopicStatements(json, TemplateJson.Topic(json, "Topic")), s => TemplateJson.Services(s).Count > 0);
    }

    [Fact]
    public void SelfProtection_ShouldBeInEveryRegionsStack()
    {
        Assert.All(CdkSynthFixture.Regions, r => Assert.NotEmpty(Rules(synth.Json(r))));
    }

    private static IEnumerable<JsonObject> Rules(JsonNode json)
    {
        var topic = TemplateJson.Topic(json, "Operations");
        return TemplateJson.Resources(json, "AWS::Events::Rule").Select(r => r.Properties)
            .Where(r => r["Targets"]!.AsArray().Any(t => TemplateJson.Ref(t!["Arn"]) == topic));
    }

    private static IEnumerable<JsonObject> Clauses(JsonNode json) =>
        Rules(json).SelectMany(r => TemplateJson.DetailClauses(r["EventPattern"]!.AsObject()));

    private static JsonNode Parameter(IEnumerable<JsonObject> clauses, string eventSource, string name) =>
        clauses.First(c => TemplateJson.Strings(c["eventSource"]).Contains(eventSource) && c["requestParameters"]![name] is not null)["requestParameters"]![name]!;
}
