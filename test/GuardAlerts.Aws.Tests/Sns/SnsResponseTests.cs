using GuardAlerts.Aws.Sns;

namespace GuardAlerts.Aws.Tests.Sns;

public sealed class SnsResponseTests
{
    [Fact]
    public void Parse_WhenPublishSucceeded_ShouldReturnMessageId()
    {
        var response = SnsResponse.Parse(
            "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult><ResponseMetadata><RequestId>f187a3c1</RequestId></ResponseMetadata></PublishResponse>");

        Assert.Equal("94f20ce6-13c5-43a0-9a9e-ca52d816e90b", response.MessageId);
        Assert.Equal("f187a3c1", response.RequestId);
        Assert.Null(response.ErrorCode);
    }

    [Fact]
    public void Parse_WhenErrorResponse_ShouldReturnCodeAndMessage()
    {
        var response = SnsResponse.Parse(
            "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: Subject</Message></Error><RequestId>r-1</RequestId></ErrorResponse>");

        Assert.Null(response.MessageId);
        Assert.Equal("InvalidParameter", response.ErrorCode);
        Assert.Equal("Invalid parameter: Subject", response.ErrorMessage);
        Assert.Equal("r-1", response.RequestId);
    }

    [Fact]
    public void Parse_WhenBodyIsNotXml_ShouldReturnNoCode()
    {
        var response = SnsResponse.Parse("<html><body>Bad Gateway");

        Assert.Null(response.ErrorCode);
        Assert.Null(response.MessageId);
    }
}
