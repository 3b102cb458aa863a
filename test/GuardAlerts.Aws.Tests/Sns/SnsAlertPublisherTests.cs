using System.Net;
using Amazon.Runtime;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Aws.Tests.Sns;

[Trait("Category", "Integration")]
public sealed class SnsAlertPublisherTests
{
    [Fact]
    public async Task PublishAsync_WhenThrottledThenAccepted_ShouldRetryAndReturnTheMessageId()
    {
        await using var server = new CaptureServer();
        server.Enqueue(400, CaptureServer.Error("Sender", "Throttling", "Rate exceeded"));
        server.Enqueue(200, CaptureServer.Success("after-throttle"));

        var messageId = await CreatePublisher(server.Endpoint).PublishAsync(TestAlerts.Create(), CancellationToken.None);

        Assert.Equal("after-throttle", messageId);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Fact]
    public async Task PublishAsync_WhenServiceUnavailableThenAccepted_ShouldRetry()
    {
        await using var server = new CaptureServer();
        server.Enqueue(503, "<html>Service Unavailable</html>");
        server.Enqueue(500, CaptureServer.Error("Receiver", "InternalError", "oops"));

        var messageId = await CreatePublisher(server.Endpoint).PublishAsync(TestAlerts.Create(), CancellationToken.None);

        Assert.Equal("msg-3", messageId);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [InlineData(400, "InvalidParameter", "Invalid parameter: Message too long")]
    [InlineData(403, "AuthorizationError", "User is not authorized to perform: SNS:Publish")]
    [InlineData(404, "NotFound", "Topic does not exist")]
    public async Task PublishAsync_WhenRequestIsRejected_ShouldThrowWithoutRetry(int status, string code, string message)
    {
        await using var server = new CaptureServer();
        server.Enqueue(status, CaptureServer.Error("Sender", code, message));

        var error = await Assert.ThrowsAsync<SnsPublishException>(
            () => CreatePublisher(server.Endpoint).PublishAsync(TestAlerts.Create(), CancellationToken.None).AsTask());

        Assert.Single(server.Requests);
        Assert.Equal(code, error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("req-err", error.RequestId);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(TestAlerts.TopicArn, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_WhenThrottlingPersists_ShouldGiveUpAfterMaxAttempts()
    {
        await using var server = new CaptureServer();
        for (var i = 0; i < 4; i++)
        {
            server.Enqueue(400, CaptureServer.Error("Sender", "Throttling", "Rate exceeded"));
        }

        var error = await Assert.ThrowsAsync<SnsPublishException>(
            () => CreatePublisher(server.Endpoint).PublishAsync(TestAlerts.Create(), CancellationToken.None).AsTask());

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal("Throttling", error.ErrorCode);
        Assert.True(error.IsRetryable);
        Assert.Equal(4, error.Attempts);
    }

    [Fact]
    public async Task PublishAsync_WhenCredentialsHaveNoSessionToken_ShouldNotSendOrSignTheTokenHeader()
    {
        await using var server = new CaptureServer();

        await CreatePublisher(server.Endpoint).PublishAsync(TestAlerts.Create(), CancellationToken.None);

        var request = server.Requests[0];
        Assert.Equal(string.Empty, request.Header("x-amz-security-token"));
        Assert.Contains("SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date,", request.Header("authorization"), StringComparison.Ordinal);
        Assert.Equal("application/x-www-form-urlencoded", request.Header("content-type"));
    }

    private static SnsAlertPublisher CreatePublisher(Uri endpoint) =>
        new(new HttpClient(),
            new SnsPublisherSettings(TopicArn.TryParse(TestAlerts.TopicArn)!, "eu-west-1", endpoint)
            {
                BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(20),
            },
            new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            TimeProvider.System);
}
