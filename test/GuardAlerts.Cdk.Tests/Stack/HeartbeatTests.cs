using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>The heartbeat: an hourly canary through each function, an alarm after two hours without one.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class HeartbeatTests(CdkSynthFixture synth)
{
    private const string Region = "eu-west-1";

    [Fact]
    public void Schedule_ShouldSendACanaryEventToEachFunctionEveryHour()
    {
        var json = synth.Json(Region);
        var schedule = Assert.Single(TemplateJson.Resources(json, "AWS::Events::Rule"), r => r.Properties["ScheduleExpression"] is not null).Properties;
        Assert.Equal("rate(1 hour)", (string)schedule["ScheduleExpression"]!);
        var functions = TemplateJson.Resources(json, "AWS::Lambda::Function").ToDictionary(f => f.Id, f => (string)f.Properties["Handler"]!);
        var targets = schedule["Targets"]!.AsArray();
        Assert.Equal(2, targets.Count);
        foreach (var target in targets)
        {
            var kind = functions[TemplateJson.GetAttTarget(target!["Arn"])!];
            var transformer = target["InputTransformer"]!;
            var input = (string)transformer["InputTemplate"]!;
            Assert.Contains("\"source\":\"guardalerts.canary\"", input, StringComparison.Ordinal);
            Assert.Contains("\"detail-type\":\"GuardAlerts Canary\"", input, StringComparison.Ordinal);
            Assert.Contains($"\"detail\":{{\"function\":\"{kind}\"}}", input, StringComparison.Ordinal);
            // Each canary carries the scheduled event's id and time, so each has its own dedup key.
            Assert.Equal("$.id", (string)transformer["InputPathsMap"]!["id"]!);
            Assert.Equal("$.time", (string)transformer["InputPathsMap"]!["time"]!);
        }
    }

    [Theory]
    [InlineData("guardduty")]
    [InlineData("cloudtrail")]
    public void Alarm_ShouldFireWhenNoCanarySucceededForTwoHours(string kind)
    {
        var alarm = Assert.Single(AlarmTests.Alarms(synth.Json(Region)), a =>
            (string?)a["MetricName"] == "CanarySucceeded" && (string?)a["Dimensions"]![0]!["Value"] == kind);
        Assert.Equal("GuardAlerts", (string)alarm["Namespace"]!);
        Assert.Equal("Function", (string)alarm["Dimensions"]![0]!["Name"]!);
        Assert.Equal(3600, (int)alarm["Period"]!);
        Assert.Equal(2, (int)alarm["EvaluationPeriods"]!);
        Assert.Equal("LessThanThreshold", (string)alarm["ComparisonOperator"]!);
        Assert.Equal(1, (double)alarm["Threshold"]!);
        // No data at all is the failure this alarm exists for.
        Assert.Equal("breaching", (string)alarm["TreatMissingData"]!);
        Assert.IsType<JsonArray>(alarm["AlarmActions"]);
    }

    /// <summary>
    /// The canary's own metric can be kept OK by anyone allowed cloudwatch:PutMetricData; SNS's count of publications
    /// to the alert topic cannot (AWS/ namespaces are reserved to AWS), and only a real publication raises it.
    /// </summary>
    [Fact]
    public void Alarm_ShouldFireWhenSnsCountedFewerPublicationsToTheAlertTopicThanCanaries()
    {
        var json = synth.Json(Region);
        var alarm = Assert.Single(AlarmTests.Alarms(json), a => (string?)a["Namespace"] == "AWS/SNS" && (string?)a["MetricName"] == "NumberOfMessagesPublished");
        var dimension = Assert.Single(alarm["Dimensions"]!.AsArray())!;
        Assert.Equal("TopicName", (string)dimension["Name"]!);
        Assert.Equal([TemplateJson.Topic(json, "Topic"), "TopicName"], dimension["Value"]!["Fn::GetAtt"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("Sum", (string)alarm["Statistic"]!);
        Assert.Equal(3600, (int)alarm["Period"]!);
        Assert.Equal(2, (int)alarm["EvaluationPeriods"]!);
        Assert.Equal("LessThanThreshold", (string)alarm["ComparisonOperator"]!);
        // One canary per function each hour.
        Assert.Equal(2, (double)alarm["Threshold"]!);
        Assert.Equal("breaching", (string)alarm["TreatMissingData"]!);
        Assert.Equal([TemplateJson.Topic(json, "Operations"), TemplateJson.Topic(json, "Pager")], alarm["AlarmActions"]!.AsArray().Select(TemplateJson.Ref));
    }
}
