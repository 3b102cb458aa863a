using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>Least privilege: each function touches only its table, topic, key, log group and dead-letter queue.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class IamTests(CdkSynthFixture synth, InProcessStacksFixture inProcess)
{
    private static readonly string[] FunctionActions =
    [
        "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
        "kms:Decrypt", "kms:GenerateDataKey*",
        "logs:CreateLogStream", "logs:PutLogEvents",
        "sns:Publish",
        "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage",
    ];

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    [InlineData("defaults")]
    public void NoIamStatement_ShouldAllowAnActionOnEveryResource(string stack)
    {
        var json = stack == "defaults" ? inProcess.DefaultsJson : synth.Json(stack);
        var statements = TemplateJson.Resources(json, "AWS::IAM::Policy").SelectMany(p => Statements(p.Properties["PolicyDocument"]))
            .Concat(TemplateJson.Resources(json, "AWS::IAM::Role").SelectMany(r =>
                (r.Properties["Policies"]?.AsArray() ?? []).SelectMany(p => Statements(p!["PolicyDocument"]))))
            .Concat(TemplateJson.Resources(json, "AWS::IAM::ManagedPolicy").SelectMany(p => Statements(p.Properties["PolicyDocument"])))
            .ToList();
        Assert.NotEmpty(statements);
        foreach (var statement in statements.Where(s => (string?)s["Effect"] == "Allow"))
        {
            var resources = statement["Resource"] is JsonArray list ? list.ToList() : [statement["Resource"]];
            Assert.DoesNotContain(resources, r => r is JsonValue v && v.TryGetValue<string>(out var s) && s.Contains('*', StringComparison.Ordinal));
        }
    }

    [Fact]
    public void FunctionRoles_ShouldHaveNoManagedPolicies()
    {
        Assert.All(TemplateJson.Resources(synth.Json("us-east-1"), "AWS::IAM::Role"), r => Assert.Null(r.Properties["ManagedPolicyArns"]));
    }

    [Fact]
    public void FunctionRoles_ShouldAllowOnlyTheirTableTopicKeyLogsAndQueue()
    {
        var json = synth.Json("us-east-1");
        var table = Single(json, "AWS::DynamoDB::Table");
        var topic = TemplateJson.Topic(json, "Topic");
        var key = Single(json, "AWS::KMS::Key");
        var queue = Single(json, "AWS::SQS::Queue");
        var logGroups = TemplateJson.Resources(json, "AWS::Logs::LogGroup").Select(g => g.Id).ToHashSet();
        foreach (var (_, function) in TemplateJson.Resources(json, "AWS::Lambda::Function"))
        {
            var role = TemplateJson.GetAttTarget(function["Role"])!;
            var policy = TemplateJson.Resources(json, "AWS::IAM::Policy").Single(p => p.Properties["Roles"]!.AsArray().Any(r => TemplateJson.Ref(r) == role));
            var statements = Statements(policy.Properties["PolicyDocument"]).ToList();
            Assert.Equal(FunctionActions, statements.SelectMany(s => TemplateJson.Strings(s["Action"])).Order(StringComparer.Ordinal));
            foreach (var statement in statements)
            {
                var service = TemplateJson.Strings(statement["Action"])[0].Split(':')[0];
                var targets = (statement["Resource"] is JsonArray list ? list.ToList() : [statement["Resource"]])
                    .Where(r => TemplateJson.Ref(r) != "AWS::NoValue")
                    .Select(r => TemplateJson.Ref(r) ?? TemplateJson.GetAttTarget(r))
                    .ToList();
                var allowed = service switch
                {
                    "dynamodb" => [table],
                    "sns" => [topic],
                    "kms" => [key],
                    "sqs" => [queue],
                    "logs" => logGroups,
                    _ => new HashSet<string>(),
                };
                Assert.All(targets, t => Assert.Contains(t!, allowed));
            }
        }
    }

    [Fact]
    public void Functions_ShouldBeInvokableOnlyByThisStacksRules()
    {
        var json = synth.Json("us-east-1");
        var rules = TemplateJson.Resources(json, "AWS::Events::Rule").Select(r => r.Id).ToHashSet();
        var permissions = TemplateJson.Resources(json, "AWS::Lambda::Permission").Select(p => p.Properties).ToList();
        Assert.NotEmpty(permissions);
        Assert.All(permissions, p =>
        {
            Assert.Equal("lambda:InvokeFunction", (string)p["Action"]!);
            Assert.Equal("events.amazonaws.com", (string)p["Principal"]!);
            Assert.Contains(TemplateJson.GetAttTarget(p["SourceArn"])!, rules);
        });
    }

    private static string Single(JsonNode json, string type) => Assert.Single(TemplateJson.Resources(json, type)).Id;

    private static IEnumerable<JsonObject> Statements(JsonNode? document) =>
        document?["Statement"]?.AsArray().Select(s => s!.AsObject()) ?? [];
}
