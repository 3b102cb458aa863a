using System.Text.Json.Nodes;
using Amazon.Runtime;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Testing.Servers;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace GuardAlerts.Aws.Tests.Sns;

/// <summary>
/// Our publisher and the official AWS SDK for JavaScript (@aws-sdk/client-sns) send the same Publish, with the same
/// credentials (session token included) and clock, to the same capture listener: the wire must match.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SnsConformanceTests(ITestOutputHelper output)
{
    private const string AccessKey = "ASIAEXAMPLECONFORM01";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEHa//////////wEaCWV1LXdlc3QtMSJHMEUCIQ+token/with+slashes==";
    private static readonly DateTimeOffset Clock = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public async Task PublishAsync_WhenSameMessageCredentialsAndClock_ShouldMatchTheOfficialJavaScriptSdkByteForByte()
    {
        await using var server = new CaptureServer();
        var alert = TestAlerts.Create(TestAlerts.Tricky);

        var reference = await NodeScript.RunAsync("sns-publish-reference.js", ReferenceInput(server.Endpoint, alert));
        var ours = await CreatePublisher(server.Endpoint).PublishAsync(alert, CancellationToken.None);

        Assert.Equal("msg-1", reference);
        Assert.Equal("msg-2", ours);
        var (js, net) = (server.Requests[0], server.Requests[1]);
        output.WriteLine("JS  body: " + System.Text.Encoding.ASCII.GetString(js.Body));
        output.WriteLine("JS  auth: " + js.Header("authorization"));
        output.WriteLine(".NET auth: " + net.Header("authorization"));
        Assert.Equal(js.Body, net.Body);
        Assert.Equal(js.Header("authorization"), net.Header("authorization"));
        Assert.Contains("x-amz-security-token", js.Header("authorization"), StringComparison.Ordinal);
        Assert.Equal((js.Method, js.Target), (net.Method, net.Target));
        foreach (var name in new[] { "content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256", "content-length" })
        {
            Assert.Equal(js.Header(name), net.Header(name));
        }
    }

    [Fact]
    public async Task PublishAsync_WhenMessageHasNoAttributesAndAsciiOnly_ShouldStillMatchTheJavaScriptSdk()
    {
        await using var server = new CaptureServer();
        var alert = TestAlerts.Create("plain") with { Attributes = [] };

        await NodeScript.RunAsync("sns-publish-reference.js", ReferenceInput(server.Endpoint, alert));
        await CreatePublisher(server.Endpoint).PublishAsync(alert, CancellationToken.None);

        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
        Assert.Equal(server.Requests[0].Header("authorization"), server.Requests[1].Header("authorization"));
    }

    private static SnsAlertPublisher CreatePublisher(Uri endpoint) =>
        new(new HttpClient(),
            new SnsPublisherSettings(TopicArn.TryParse(TestAlerts.TopicArn)!, "eu-west-1", endpoint),
            new SessionAWSCredentials(AccessKey, SecretKey, SessionToken),
            new FakeTimeProvider(Clock));

    private static string ReferenceInput(Uri endpoint, RenderedAlert alert)
    {
        var attributes = new JsonArray();
        foreach (var (name, value) in alert.Attributes)
        {
            attributes.Add(new JsonArray(name, value));
        }

        return new JsonObject
        {
            ["endpoint"] = endpoint.ToString().TrimEnd('/'),
            ["region"] = "eu-west-1",
            ["accessKeyId"] = AccessKey,
            ["secretAccessKey"] = SecretKey,
            ["sessionToken"] = SessionToken,
            ["epochMillis"] = Clock.ToUnixTimeMilliseconds(),
            ["topicArn"] = TestAlerts.TopicArn,
            ["subject"] = alert.Subject,
            ["message"] = alert.MessageJson,
            ["attributes"] = attributes,
        }.ToJsonString();
    }
}
