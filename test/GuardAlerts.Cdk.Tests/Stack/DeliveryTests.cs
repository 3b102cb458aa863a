using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>Nothing silent: every target retries, then dead-letters into an encrypted, TLS-only queue.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class DeliveryTests(CdkSynthFixture synth)
{
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void EveryTarget_ShouldRetryForADayThenGoToTheDeadLetterQueue(string region)
    {
        var json = synth.Json(region);
        var queue = Assert.Single(TemplateJson.Resources(json, "AWS::SQS::Queue")).Id;
        var targets = TemplateJson.Resources(json, "AWS::Events::Rule").SelectMany(r => r.Properties["Targets"]!.AsArray()).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, t =>
        {
            Assert.Equal(185, (int)t!["RetryPolicy"]!["MaximumRetryAttempts"]!);
            Assert.Equal(86400, (int)t["RetryPolicy"]!["MaximumEventAgeInSeconds"]!);
            Assert.Equal(queue, TemplateJson.GetAttTarget(t["DeadLetterConfig"]!["Arn"]));
        });
    }

    [Fact]
    public void DeadLetterQueue_ShouldBeEncryptedAndKeepMessagesForTwoWeeks()
    {
        synth.Template("us-east-1").HasResourceProperties("AWS::SQS::Queue", new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
            ["MessageRetentionPeriod"] = 1209600,
        });
    }

    [Fact]
    public void DeadLetterQueue_ShouldRefuseRequestsWithoutTls()
    {
        var policy = Assert.Single(TemplateJson.Resources(synth.Json("us-east-1"), "AWS::SQS::QueuePolicy")).Properties;
        Assert.Contains(policy["PolicyDocument"]!["Statement"]!.AsArray(), s =>
            (string?)s!["Effect"] == "Deny" && s["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false");
    }
}
