using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>Alarms on everything that can fail, each notifying the alert topic.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class AlarmTests(CdkSynthFixture synth)
{
    [Theory]
    [InlineData("AWS/Lambda", "Errors")]
    [InlineData("AWS/Lambda", "Throttles")]
    [InlineData("AWS/Lambda", "DestinationDeliveryFailures")]
    [InlineData("GuardAlerts", "PublishFailures")]
    public void EachFunction_ShouldHaveAnAlarmOn(string metricNamespace, string metric)
    {
        var alarms = Alarms(synth.Json("us-east-1")).Where(a => (string?)a["Namespace"] == metricNamespace && (string?)a["MetricName"] == metric).ToList();
        Assert.Equal(2, alarms.Count);
        Assert.All(alarms, a =>
        {
            Assert.Equal("GreaterThanOrEqualToThreshold", (string)a["ComparisonOperator"]!);
            Assert.Equal(1, (double)a["Threshold"]!);
        });
    }

    [Fact]
    public void DeadLetterQueue_ShouldAlarmOnAnyMessage()
    {
        var json = synth.Json("us-east-1");
        var queue = Assert.Single(TemplateJson.Resources(json, "AWS::SQS::Queue")).Id;
        var alarm = Assert.Single(Alarms(json), a => (string?)a["MetricName"] == "ApproximateNumberOfMessagesVisible");
        Assert.Equal("AWS/SQS", (string)alarm["Namespace"]!);
        Assert.Equal(queue, TemplateJson.GetAttTarget(alarm["Dimensions"]![0]!["Value"]));
        Assert.Equal("Maximum", (string)alarm["Statistic"]!);
        Assert.Equal(1, (double)alarm["Threshold"]!);
    }

    [Fact]
    public void EveryRule_ShouldAlarmOnFailedInvocations()
    {
        var json = synth.Json("us-east-1");
        var rules = TemplateJson.Resources(json, "AWS::Events::Rule").Select(r => r.Id).ToHashSet();
        var watched = Alarms(json)
            .Where(a => (string?)a["MetricName"] == "FailedInvocations")
            .Select(a => TemplateJson.Ref(a["Dimensions"]![0]!["Value"]))
            .ToHashSet();
        Assert.Equal(rules, watched!);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void EveryAlarm_ShouldNotifyTheOperationsTopicAndOutagesThePagerTopic(string region)
    {
        var json = synth.Json(region);
        var operations = TemplateJson.Topic(json, "Operations");
        var pager = TemplateJson.Topic(json, "Pager");
        Assert.All(Alarms(json), a =>
        {
            var actions = a["AlarmActions"]!.AsArray().Select(TemplateJson.Ref).ToList();
            var earlyWarning = (string?)a["MetricName"] is "Errors" or "Throttles";
            Assert.Equal(earlyWarning ? [operations] : [operations, pager], actions);
        });
    }

    [Fact]
    public void TopicPolicies_ShouldLetCloudWatchPublishForTheseAlarmsOfThisAccountOnly()
    {
        var json = synth.Json("us-east-1");
        var alarms = TemplateJson.Resources(json, "AWS::CloudWatch::Alarm").ToList();
        foreach (var name in new[] { "Operations", "Pager" })
        {
            var topic = TemplateJson.Topic(json, name);
            var statement = TopicStatements(json, topic).Single(s => TemplateJson.Services(s).Contains("cloudwatch.amazonaws.com"));
            var sources = statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.AsArray().Select(TemplateJson.GetAttTarget).ToHashSet();
            var notifying = alarms.Where(a => a.Properties["AlarmActions"]!.AsArray().Any(x => TemplateJson.Ref(x) == topic)).Select(a => a.Id).ToHashSet();
            Assert.Equal(notifying, sources!);
            Assert.Equal("AWS::AccountId", TemplateJson.Ref(statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
        }
    }

    internal static IEnumerable<JsonObject> TopicStatements(JsonNode json, string topic) =>
        TemplateJson.Resources(json, "AWS::SNS::TopicPolicy")
            .Where(p => p.Properties["Topics"]!.AsArray().Any(t => TemplateJson.Ref(t) == topic))
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()));

    internal static IEnumerable<JsonObject> Alarms(JsonNode json) =>
        TemplateJson.Resources(json, "AWS::CloudWatch::Alarm").Select(a => a.Properties);
}
