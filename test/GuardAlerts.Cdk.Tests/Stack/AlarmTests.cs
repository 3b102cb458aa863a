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
    public void EveryAlarm_ShouldNotifyTheAlertTopic(string region)
    {
        var json = synth.Json(region);
        var topic = Assert.Single(TemplateJson.Resources(json, "AWS::SNS::Topic")).Id;
        Assert.All(Alarms(json), a => Assert.Equal(topic, TemplateJson.Ref(Assert.Single(a["AlarmActions"]!.AsArray()))));
    }

    internal static IEnumerable<JsonObject> Alarms(JsonNode json) =>
        TemplateJson.Resources(json, "AWS::CloudWatch::Alarm").Select(a => a.Properties);
}
