using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Pipeline;

public class ChatCopyPublisherTests
{
    private const string Canary =
        """{"version":"0","id":"hb-1","detail-type":"GuardAlerts Canary","source":"guardalerts.canary","account":"111122223333","time":"2026-10-01T10:00:00Z","region":"us-east-1","resources":[],"detail":{"function":"cloudtrail"}}""";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAlertLedger _ledger = new(TimeSpan.FromMinutes(5));
    private readonly RecordingPublisher _alerts = new();

    private AlertPipeline Pipeline(IAlertPublisher chat) => new(TestPolicy.Policy("""{"exemptions":[]}"""), _ledger, new ChatCopyPublisher(_alerts, chat), _clock);

    private static string StopLogging() =>
        Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ""","requestParameters":{"name":"main"}""", "2026-10-01T10:00:00Z", "1");

    [Fact]
    public async Task PublishAsync_WhenAlert_ShouldSendTheSameMessageToBothTopics()
    {
        var chat = new RecordingPublisher();

        var decision = await Pipeline(chat).ProcessAsync(Json.Event(StopLogging()));

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Equal(decision.Alert, Assert.Single(_alerts.Published));
        Assert.Equal(decision.Alert, Assert.Single(chat.Published));
    }

    [Fact]
    public async Task PublishAsync_WhenCanary_ShouldNeverReachChat()
    {
        var chat = new RecordingPublisher();

        var decision = await Pipeline(chat).ProcessAsync(Json.Event(Canary));

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Single(_alerts.Published);
        Assert.Equal(0, chat.Calls);
    }

    [Fact]
    public async Task PublishAsync_WhenChatFails_ShouldFailTheInvocationAndTheRetryShouldSendBoth()
    {
        var chat = new RecordingPublisher(failFirst: 1);
        var pipeline = Pipeline(chat);

        await Assert.ThrowsAsync<HttpRequestException>(async () => await pipeline.ProcessAsync(Json.Event(StopLogging())));
        var retry = await pipeline.ProcessAsync(Json.Event(StopLogging()));

        // The claim was given back: the retry alerts (e-mail a second time), and chat gets the alert it missed.
        Assert.Equal(Outcome.Alert, retry.Outcome);
        Assert.Equal(2, _alerts.Count);
        Assert.Equal(retry.Alert, Assert.Single(chat.Published));
    }

    [Fact]
    public async Task PublishAsync_WhenTheAlertTopicFails_ShouldNotPostToChat()
    {
        var chat = new RecordingPublisher();
        var pipeline = new AlertPipeline(TestPolicy.Policy("""{"exemptions":[]}"""), _ledger, new ChatCopyPublisher(new FailingPublisher(), chat), _clock);

        await Assert.ThrowsAsync<HttpRequestException>(async () => await pipeline.ProcessAsync(Json.Event(StopLogging())));

        Assert.Equal(0, chat.Calls);
    }
}
