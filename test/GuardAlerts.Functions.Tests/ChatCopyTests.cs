using System.Net;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Functions.Tests;

/// <summary>The published bootstrap with a chat topic: every alert is published twice, the canary once, and a failed chat copy fails the invocation.</summary>
[Collection(FunctionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ChatCopyTests(PublishedBootstrap published)
{
    private const string Canary =
        """{"version":"0","id":"hb-chat","detail-type":"GuardAlerts Canary","source":"guardalerts.canary","account":"111122223333","time":"2026-10-01T10:00:00Z","region":"us-east-1","resources":[],"detail":{"function":"cloudtrail"}}""";

    private static string StopLogging => FunctionHarness.Payloads(Path.Combine(RepoPaths.Root, "events", "cloudtrail", "StopLogging.json")).First();

    private static string TopicOf(CapturedRequest request) => Field(request, "TopicArn");

    private static string Field(CapturedRequest request, string name)
    {
        var body = System.Text.Encoding.UTF8.GetString(request.Body);
        var field = body.Split('&').Single(f => f.StartsWith(name + "=", StringComparison.Ordinal));
        return WebUtility.UrlDecode(field[(name.Length + 1)..]);
    }

    private async Task<string> NewTableAsync() => await published.Dynalite.CreateTableAsync(published.Dynalite.CreateClient());

    [Fact]
    public async Task Alert_WithAChatTopic_ShouldBePublishedToTheAlertTopicThenTheChatTopic()
    {
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await NewTableAsync(), chat: true);

        var result = await function.InvokeAsync(StopLogging);

        Assert.Equal("alert", result.Outcome);
        Assert.Equal([FunctionHarness.Topic, FunctionHarness.ChatTopic], function.Sns.Requests.Select(TopicOf));
        // The same message (its https entry is the chat notification) and the same attributes.
        Assert.Equal(Field(function.Sns.Requests[0], "Message"), Field(function.Sns.Requests[1], "Message"));
    }

    [Fact]
    public async Task Canary_WithAChatTopic_ShouldNeverBeCopiedToChat()
    {
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await NewTableAsync(), chat: true);

        var result = await function.InvokeAsync(Canary);

        Assert.Equal("alert", result.Outcome);
        Assert.Equal([FunctionHarness.Topic], function.Sns.Requests.Select(TopicOf));
    }

    [Fact]
    public async Task Alert_WhenTheChatCopyFails_ShouldFailTheInvocationAndTheRetryShouldSendBoth()
    {
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await NewTableAsync(), chat: true);
        function.Sns.Enqueue(200, CaptureServer.Success("m-alert-1"));
        function.Sns.Enqueue(403, CaptureServer.Error("Sender", "AuthorizationError", "not allowed to publish to the chat topic"));

        var failed = await function.InvokeAsync(StopLogging);
        var retry = await function.InvokeAsync(StopLogging);

        // Lambda retries a failed invocation: the claim was given back, so the retry alerts (a second e-mail) and chat gets it.
        Assert.False(failed.Succeeded);
        Assert.Equal("alert", retry.Outcome);
        Assert.Equal([FunctionHarness.Topic, FunctionHarness.ChatTopic, FunctionHarness.Topic, FunctionHarness.ChatTopic], function.Sns.Requests.Select(TopicOf));
    }
}
