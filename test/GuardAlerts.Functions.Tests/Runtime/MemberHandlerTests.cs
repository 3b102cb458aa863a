using System.Text;
using System.Text.Json;
using GuardAlerts.Aws.Members;
using GuardAlerts.Core.Members;
using GuardAlerts.Functions.Handlers;
using GuardAlerts.Functions.Observability;
using GuardAlerts.Functions.Runtime;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Functions.Tests.Runtime;

/// <summary>The members handler in the runtime loop, in-process, on dynalite: what it answers and when it fails the invocation.</summary>
[Trait("Category", "Integration")]
public sealed class MemberHandlerTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>, IDisposable
{
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient _client = dynalite.CreateClient();
    private const string Member = "444455556666";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new();

    private static byte[] Heartbeat(string time) => Encoding.UTF8.GetBytes(
        $$$"""{"version":"0","id":"1","detail-type":"Scheduled Event","source":"aws.events","account":"{{{Member}}}","time":"{{{time}}}","region":"eu-west-1","resources":["arn:aws:events:eu-west-1:{{{Member}}}:rule/GuardAlertsMember-Heartbeat"],"detail":{}}""");

    private static readonly byte[] Check = Encoding.UTF8.GetBytes("""{"detail-type":"GuardAlerts Member Check","time":"2026-12-01T13:00:00Z"}""");

    private Invocation Invocation(string id, byte[] payload) => new(id, null, "Root=1-trace", "arn:aws:lambda:eu-west-1:111122223333:function:members", payload);

    private async Task<(ScriptedRuntimeApi Runtime, DynamoDbMemberStore Store)> RunAsync(RecordingPublisher pager, params Invocation[] invocations)
    {
        var store = new DynamoDbMemberStore(_client, await dynalite.CreateTableAsync(_client), _clock);
        var watch = new MemberWatch(new MemberWatchSettings("111122223333", ["eu-west-1"], [Member]), store, null, pager, _clock);
        var runtime = new ScriptedRuntimeApi(invocations);
        var log = new DecisionLog(_log, MemberHandler.Name, _clock);
        var loop = new RuntimeLoop(runtime, new MemberHandler(watch, log, _clock), log, _clock);
        await Assert.ThrowsAsync<ScriptOverException>(() => loop.RunAsync(CancellationToken.None));
        return (runtime, store);
    }

    [Fact]
    public async Task RunAsync_WhenTheEventIsNotAHeartbeat_ShouldAnswerRejectedWithTheReasonNotFail()
    {
        var (runtime, _) = await RunAsync(new RecordingPublisher(),
            Invocation("r-1", Encoding.UTF8.GetBytes("""{"source":"aws.events","detail-type":"Scheduled Event","account":"111122223333","region":"eu-west-1","resources":[]}""")));

        Assert.Empty(runtime.Errors);
        using var response = JsonDocument.Parse(Assert.Single(runtime.Responses).Body);
        Assert.Equal("rejected", response.RootElement.GetProperty("outcome").GetString());
        Assert.Contains("not of the member rule GuardAlertsMember-Heartbeat", response.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("rejected: a scheduled event, but not of the member rule", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenAHeartbeatThenACheck_ShouldRecordTheMemberAndAnswerTheCheck()
    {
        var (runtime, store) = await RunAsync(new RecordingPublisher(), Invocation("r-1", Heartbeat("2026-12-01T10:00:00Z")), Invocation("r-2", Check));

        Assert.Empty(runtime.Errors);
        Assert.Equal("""{"outcome":"heartbeat","account":"444455556666","region":"eu-west-1"}""", runtime.Responses[0].Body);
        Assert.Equal("""{"outcome":"checked","expected":1,"silent":0,"recovered":0}""", runtime.Responses[1].Body);
        Assert.Equal([new MemberId(Member, "eu-west-1")], await store.ReadRegistryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_WhenTheCheckCannotPublishAnAlert_ShouldFailTheInvocationSoItIsSeen()
    {
        var pager = new RecordingPublisher(failFirst: 1);
        var heartbeat = Invocation("r-1", Heartbeat("2026-12-01T07:00:00Z"));

        var (runtime, _) = await RunAsync(pager, heartbeat, Invocation("r-2", Check), Invocation("r-3", Check));

        var (requestId, error) = Assert.Single(runtime.Errors);
        Assert.Equal("r-2", requestId);
        Assert.Equal(MemberHandler.CheckIncomplete, error.ErrorType);
        Assert.Contains("SNS is down", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("""{"outcome":"checked","expected":1,"silent":1,"recovered":0}""", runtime.Responses[^1].Body);
        Assert.Single(pager.Published);
    }

    public void Dispose() => _client.Dispose();
}
