using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>What a user needs after `cdk deploy`: topic ARN, table name, function names, dead-letter queue URL.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class OutputsTests(CdkSynthFixture synth)
{
    [Theory]
    [InlineData("TableName", "AWS::DynamoDB::Table")]
    [InlineData("DeadLetterQueueUrl", "AWS::SQS::Queue")]
    public void Output_ShouldReferToTheResource(string output, string type)
    {
        foreach (var region in CdkSynthFixture.Regions)
        {
            var json = synth.Json(region);
            var resource = Assert.Single(TemplateJson.Resources(json, type)).Id;
            Assert.Equal(resource, TemplateJson.Ref(json["Outputs"]![output]!["Value"]));
        }
    }

    [Theory]
    [InlineData("TopicArn", "Topic")]
    [InlineData("OperationsTopicArn", "Operations")]
    [InlineData("PagerTopicArn", "Pager")]
    public void Output_ShouldNameTheTopic(string output, string topic)
    {
        foreach (var region in CdkSynthFixture.Regions)
        {
            var json = synth.Json(region);
            Assert.Equal(TemplateJson.Topic(json, topic), TemplateJson.Ref(json["Outputs"]![output]!["Value"]));
        }
    }

    [Theory]
    [InlineData("GuardDutyLogGroupName", "guardduty")]
    [InlineData("CloudTrailLogGroupName", "cloudtrail")]
    public void Output_ShouldNameTheLogGroupTheFunctionReallyWritesTo(string output, string handler)
    {
        var json = synth.Json("us-east-1");
        var function = TemplateJson.Resources(json, "AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == handler).Properties;
        Assert.Equal(TemplateJson.Ref(function["LoggingConfig"]!["LogGroup"]), TemplateJson.Ref(json["Outputs"]![output]!["Value"]));
    }

    [Theory]
    [InlineData("GuardDutyFunctionName", "guardduty")]
    [InlineData("CloudTrailFunctionName", "cloudtrail")]
    public void Output_ShouldNameTheFunction(string output, string handler)
    {
        var json = synth.Json("us-east-1");
        var function = TemplateJson.Resources(json, "AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == handler).Id;
        Assert.Equal(function, TemplateJson.Ref(json["Outputs"]![output]!["Value"]));
    }
}
