using System.Text;
using GuardAlerts.Cli.Redrive;

namespace GuardAlerts.Cli.Tests.Redrive;

public sealed class DeadLetterParserTests
{
    [Fact]
    public void Parse_WhenLambdaInvocationRecord_ShouldShowConditionAndErrorAndReturnTheRequestPayload()
    {
        var eventJson = DeadLetters.Event(DeadLetters.GuardDutySample);

        var record = DeadLetterParser.Parse(DeadLetters.Message("m1", DeadLetters.InvocationRecord(eventJson)));

        Assert.Equal(DeadLetterSource.LambdaDestination, record.Source);
        Assert.Contains("RetriesExhausted after 3 attempt(s)", record.Why, StringComparison.Ordinal);
        Assert.Contains("SnsPublishException: SNS Publish failed: ServiceUnavailable (HTTP 503)", record.Why, StringComparison.Ordinal);
        Assert.Contains("\"6d5cb26f-4dd8-5a8d-a06c-146d5b082f9d\"", Encoding.UTF8.GetString(record.Event!), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenEventBridgeDlqMessage_ShouldShowErrorAttributesAndReturnTheBody()
    {
        var eventJson = DeadLetters.Event(DeadLetters.CloudTrailSample);

        var record = DeadLetterParser.Parse(DeadLetters.Message("m2", eventJson, DeadLetters.EventBridgeAttributes()));

        Assert.Equal(DeadLetterSource.EventBridge, record.Source);
        Assert.Contains("SDK_CLIENT_ERROR: Unable to invoke Lambda function: Rate Exceeded", record.Why, StringComparison.Ordinal);
        Assert.Contains("rule arn:aws:events:us-east-1:111122223333:rule/GuardAlerts-CloudTrail", record.Why, StringComparison.Ordinal);
        Assert.Equal(eventJson, Encoding.UTF8.GetString(record.Event!));
    }

    [Fact]
    public void Parse_WhenLambdaDlqMessage_ShouldShowErrorCodeAndMessage()
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["RequestID"] = "r-1", ["ErrorCode"] = "200", ["ErrorMessage"] = "boom" };

        var record = DeadLetterParser.Parse(DeadLetters.Message("m3", "{}", attributes));

        Assert.Equal(DeadLetterSource.LambdaDeadLetterQueue, record.Source);
        Assert.Contains("request r-1", record.Why, StringComparison.Ordinal);
        Assert.Contains("200: boom", record.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenRecordHasNoRequestPayload_ShouldSayThereIsNothingToRedrive()
    {
        var record = DeadLetterParser.Parse(DeadLetters.Message("m4", "{\"requestContext\":{\"condition\":\"EventAgeExceeded\",\"approximateInvokeCount\":0}}"));

        Assert.Equal(DeadLetterSource.LambdaDestination, record.Source);
        Assert.Null(record.Event);
        Assert.Contains("EventAgeExceeded", record.Why, StringComparison.Ordinal);
        Assert.Contains("nothing to redrive", record.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenBodyIsNotJson_ShouldBeUnknownWithTheBodyAsEvent()
    {
        var record = DeadLetterParser.Parse(DeadLetters.Message("m5", "not json at all"));

        Assert.Equal(DeadLetterSource.Unknown, record.Source);
        Assert.Equal("not json at all", Encoding.UTF8.GetString(record.Event!));
    }

    [Fact]
    public void Parse_WhenErrorTextHasLineBreaksAndControlCharacters_ShouldShowOneCleanLine()
    {
        var attributes = DeadLetters.EventBridgeAttributes();
        attributes["ERROR_MESSAGE"] = "line one\r\nline two\u0000\u001b[31m";

        var record = DeadLetterParser.Parse(DeadLetters.Message("m6", "{}", attributes));

        Assert.DoesNotContain(record.Why, c => char.IsControl(c));
    }
}
