using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>The two functions: one Native AOT bootstrap, chosen by the handler, wired to the stack's own resources.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class FunctionTests(CdkSynthFixture synth)
{
    private const string Region = "us-east-1";

    [Theory]
    [InlineData("guardduty")]
    [InlineData("cloudtrail")]
    public void Function_ShouldRunTheBootstrapOnProvidedAl2023(string handler)
    {
        synth.Template(Region).HasResourceProperties("AWS::Lambda::Function", new Dictionary<string, object>
        {
            ["Handler"] = handler,
            ["Runtime"] = "provided.al2023",
            ["Architectures"] = new[] { "x86_64" },
            ["MemorySize"] = 128,
            ["Timeout"] = 60,
        });
    }

    [Fact]
    public void Functions_ShouldBeTwo()
    {
        synth.Template(Region).ResourceCountIs("AWS::Lambda::Function", 2);
    }

    [Fact]
    public void Functions_ShouldReadTheTableAndTopicOfThisStack()
    {
        var json = synth.Json(Region);
        var table = Assert.Single(TemplateJson.Resources(json, "AWS::DynamoDB::Table")).Id;
        var topic = TemplateJson.Topic(json, "Topic");
        foreach (var (_, function) in TemplateJson.Resources(json, "AWS::Lambda::Function"))
        {
            var variables = function["Environment"]!["Variables"]!;
            Assert.Equal(table, TemplateJson.Ref(variables["GUARDALERTS_TABLE"]));
            Assert.Equal(topic, TemplateJson.Ref(variables["GUARDALERTS_TOPIC_ARN"]));
        }
    }

    [Fact]
    public void Functions_TimeoutShouldLeaveTheLedgerLeaseRoom()
    {
        foreach (var (_, function) in TemplateJson.Resources(synth.Json(Region), "AWS::Lambda::Function"))
        {
            var timeout = (int)function["Timeout"]!;
            var lease = int.Parse((string)function["Environment"]!["Variables"]!["GUARDALERTS_LEASE_SECONDS"]!, System.Globalization.CultureInfo.InvariantCulture);
            // A claim held by an invocation that timed out must outlive it: no retry publishes while it still runs.
            Assert.True(timeout * 2 <= lease, $"timeout {timeout}s leaves too little of the {lease}s lease");
        }
    }

    [Fact]
    public void Functions_ShouldLogToTheirOwnLogGroupsWithRetention()
    {
        var json = synth.Json(Region);
        var groups = TemplateJson.Resources(json, "AWS::Logs::LogGroup").ToDictionary(g => g.Id, g => g.Properties);
        foreach (var (_, function) in TemplateJson.Resources(json, "AWS::Lambda::Function"))
        {
            var group = TemplateJson.Ref(function["LoggingConfig"]!["LogGroup"]);
            Assert.NotNull(group);
            Assert.Equal(90, (int)groups[group!]["RetentionInDays"]!);
        }

        synth.Template(Region).AllResources("AWS::Logs::LogGroup", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
        });
    }

    [Fact]
    public void Functions_AsyncFailures_ShouldRetryTwiceThenGoToTheDeadLetterQueue()
    {
        var json = synth.Json(Region);
        var queue = Assert.Single(TemplateJson.Resources(json, "AWS::SQS::Queue")).Id;
        var configs = TemplateJson.Resources(json, "AWS::Lambda::EventInvokeConfig").ToList();
        Assert.Equal(2, configs.Count);
        Assert.All(configs, c =>
        {
            Assert.Equal(2, (int)c.Properties["MaximumRetryAttempts"]!);
            Assert.Equal(queue, TemplateJson.GetAttTarget(c.Properties["DestinationConfig"]!["OnFailure"]!["Destination"]));
        });
        synth.Template(Region).HasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MaximumEventAgeInSeconds"] = 21600,
        }));
    }
}
