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
        Assert.All(clauses, c => Assert.NotNull(c["requestParameters"]));

        var rules = Parameter(clauses, "events.amazonaws.com", "name");
        Assert.Equal("""[{"prefix":"GuardAlerts-us-east-1-"}]""", rules.ToJsonString());

        var functions = TemplateJson.Resources(json, "AWS::Lambda::Function").Select(f => f.Id).Order(StringComparer.Ordinal);
        var watchedFunctions = Parameter(clauses, "lambda.amazonaws.com", "functionName").AsArray()
            .Select(f => TemplateJson.Ref(f!["suffix"])).Order(StringComparer.Ordinal);
        Assert.Equal(functions, watchedFunctions);

        var table = Assert.Single(TemplateJson.Resources(json, "AWS::DynamoDB::Table")).Id;
        Assert.Equal(table, TemplateJson.Ref(Parameter(clauses, "dynamodb.amazonaws.com", "tableName")[0]));
        var topic = Assert.Single(TemplateJson.Resources(json, "AWS::SNS::Topic")).Id;
        Assert.Equal(topic, TemplateJson.Ref(Parameter(clauses, "sns.amazonaws.com", "topicArn")[0]));
    }

    [Fact]
    public void SelfProtection_ShouldSendACriticalMessageStraightToTheTopic()
    {
        var json = synth.Json(Region);
        var topic = Assert.Single(TemplateJson.Resources(json, "AWS::SNS::Topic")).Id;
        var rules = Rules(json).ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            var target = Assert.Single(rule["Targets"]!.AsArray())!;
            Assert.Equal(topic, TemplateJson.Ref(target["Arn"]));
            var template = (string)target["InputTransformer"]!["InputTemplate"]!;
            Assert.StartsWith("\"Critical: GuardAlerts self-protection: <", template, StringComparison.Ordinal);
            Assert.Contains("$.detail.userIdentity.arn", target["InputTransformer"]!["InputPathsMap"]!.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SelfProtection_ShouldBeInEveryRegionsStack()
    {
        Assert.All(CdkSynthFixture.Regions, r => Assert.NotEmpty(Rules(synth.Json(r))));
    }

    private static IEnumerable<JsonObject> Rules(JsonNode json)
    {
        var topic = Assert.Single(TemplateJson.Resources(json, "AWS::SNS::Topic")).Id;
        return TemplateJson.Resources(json, "AWS::Events::Rule").Select(r => r.Properties)
            .Where(r => r["Targets"]!.AsArray().Any(t => TemplateJson.Ref(t!["Arn"]) == topic));
    }

    private static IEnumerable<JsonObject> Clauses(JsonNode json) =>
        Rules(json).SelectMany(r => TemplateJson.DetailClauses(r["EventPattern"]!.AsObject()));

    private static JsonNode Parameter(IEnumerable<JsonObject> clauses, string eventSource, string name) =>
        clauses.First(c => TemplateJson.Strings(c["eventSource"]).Contains(eventSource) && c["requestParameters"]![name] is not null)["requestParameters"]![name]!;
}
