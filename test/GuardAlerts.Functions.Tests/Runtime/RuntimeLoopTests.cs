using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Functions.Handlers;
using GuardAlerts.Functions.Observability;
using GuardAlerts.Functions.Runtime;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Functions.Tests.Runtime;

/// <summary>
/// The invocation loop's error paths in-process, against a scripted Runtime API: each failure is reported as the
/// error type the dead-letter reader sees, and no failure of one event stops the next from being served.
/// </summary>
public sealed class RuntimeLoopTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly StringWriter _log = new();

    private static byte[] Sample(string name) =>
        Encoding.UTF8.GetBytes(FunctionHarness.Payloads(Path.Combine(RepoPaths.Root, "events", "cloudtrail", name)).Single());

    private Invocation Invocation(string id, byte[] payload, TimeSpan? deadlineIn = null) =>
        new(id, deadlineIn is { } d ? _clock.GetUtcNow() + d : null, "Root=1-trace", "arn:aws:lambda:us-east-1:111122223333:function:f", payload);

    private Task<ScriptedRuntimeApi> RunAsync(IAlertLedger ledger, IAlertPublisher publisher, params Invocation[] invocations) =>
        RunAsync(ledger, publisher, null, invocations);

    private async Task<ScriptedRuntimeApi> RunAsync(IAlertLedger ledger, IAlertPublisher publisher, IAccountNameSource? names, params Invocation[] invocations)
    {
        var runtime = new ScriptedRuntimeApi(invocations);
        var log = new DecisionLog(_log, FunctionKind.Name(EventKind.CloudTrail), _clock);
        var pipeline = new AlertPipeline(PolicyLoader.LoadEmbedded(_clock.GetUtcNow()), ledger, publisher, _clock, accountNames: names);
        var loop = new RuntimeLoop(runtime, new InvocationHandler(EventKind.CloudTrail, pipeline, log, _clock), log, _clock);

        // The loop only ends when the Runtime API fails: here, when the script is over.
        await Assert.ThrowsAsync<ScriptOverException>(() => loop.RunAsync(CancellationToken.None));
        return runtime;
    }

    [Fact]
    public async Task RunAsync_WhenDecided_ShouldRespondWithTheDecision()
    {
        var publisher = new RecordingPublisher(failFirst: 0);

        var runtime = await RunAsync(new ScriptedLedger(), publisher, Invocation("r-1", Sample("StopLogging.json")));

        var (requestId, body) = Assert.Single(runtime.Responses);
        Assert.Equal("r-1", requestId);
        using var response = JsonDocument.Parse(body);
        Assert.Equal("alert", response.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("cloudtrail-logging-stopped", response.RootElement.GetProperty("rule").GetString());
        Assert.Single(publisher.Published);
        Assert.Empty(runtime.Errors);
    }

    [Fact]
    public async Task RunAsync_WhenTheAccountHasAName_ShouldPublishItBesideTheIdAndKeepTheResponseAndKeyOnIds()
    {
        var named = new RecordingPublisher(failFirst: 0);
        var plain = new RecordingPublisher(failFirst: 0);

        var runtime = await RunAsync(new ScriptedLedger(), named, AccountNames.Parse("111122223333=prod", "test"), Invocation("r-1", Sample("StopLogging.json")));
        var unnamed = await RunAsync(new ScriptedLedger(), plain, Invocation("r-1", Sample("StopLogging.json")));

        var alert = Assert.Single(named.Published);
        Assert.Contains(" - 111122223333 (prod) ", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("111122223333 (prod)", alert.Sms, StringComparison.Ordinal);
        Assert.Contains("Account:   111122223333 (prod)  Region:", alert.EmailBody, StringComparison.Ordinal);
        using var response = JsonDocument.Parse(Assert.Single(runtime.Responses).Body);
        using var unnamedResponse = JsonDocument.Parse(Assert.Single(unnamed.Responses).Body);
        Assert.Equal("111122223333", response.RootElement.GetProperty("account").GetString());
        Assert.Equal(unnamedResponse.RootElement.GetProperty("dedupKey").GetString(), response.RootElement.GetProperty("dedupKey").GetString());
    }

    [Fact]
    public async Task RunAsync_WhenTheDeadlineLeavesNoTimeToFinish_ShouldReportDeadlineExceededAndServeTheNextEvent()
    {
        var publisher = new RecordingPublisher(failFirst: 0);

        // 100 ms left is inside the margin kept for reporting: the budget is spent before the hanging claim returns.
        var runtime = await RunAsync(new ScriptedLedger { HangFirstClaim = true }, publisher,
            Invocation("r-1", Sample("StopLogging.json"), deadlineIn: TimeSpan.FromMilliseconds(100)),
            Invocation("r-2", Sample("DeleteTrail.json")));

        var (requestId, error) = Assert.Single(runtime.Errors);
        Assert.Equal("r-1", requestId);
        Assert.Equal("GuardAlerts.DeadlineExceeded", error.ErrorType);
        Assert.Equal("r-2", Assert.Single(runtime.Responses).RequestId);
        Assert.Single(publisher.Published);
    }

    [Fact]
    public async Task RunAsync_WhenAnotherInvocationHoldsAnUnconfirmedClaim_ShouldFailWithClaimPendingSoLambdaRetries()
    {
        var publisher = new RecordingPublisher(failFirst: 0);

        var runtime = await RunAsync(new ScriptedLedger { ClaimsArePending = true }, publisher, Invocation("r-1", Sample("StopLogging.json")));

        var (_, error) = Assert.Single(runtime.Errors);
        Assert.Equal(InvocationHandler.ClaimPending, error.ErrorType);
        Assert.Contains("unconfirmed claim", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(runtime.Responses);
        Assert.Empty(publisher.Published);
    }

    [Fact]
    public async Task RunAsync_WhenPublishingFails_ShouldReportProcessingFailedAndLetTheRetryPublish()
    {
        var publisher = new RecordingPublisher(failFirst: 1);
        var stopLogging = Sample("StopLogging.json");

        // Lambda's retry of the failed event comes as a new invocation with the same payload.
        var runtime = await RunAsync(new ScriptedLedger(), publisher, Invocation("r-1", stopLogging), Invocation("r-2", stopLogging));

        var (requestId, error) = Assert.Single(runtime.Errors);
        Assert.Equal("r-1", requestId);
        Assert.Equal("GuardAlerts.ProcessingFailed", error.ErrorType);
        Assert.Contains("SNS is down", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"alert\"", Assert.Single(runtime.Responses).Body, StringComparison.Ordinal);
        Assert.Single(publisher.Published);
    }

    [Fact]
    public async Task RunAsync_WhenThePayloadIsNotAnEvent_ShouldReportRejectedAndServeTheNextEvent()
    {
        var publisher = new RecordingPublisher(failFirst: 0);

        var runtime = await RunAsync(new ScriptedLedger(), publisher,
            Invocation("r-1", Encoding.UTF8.GetBytes("not json")), Invocation("r-2", Sample("StopLogging.json")));

        var (requestId, error) = Assert.Single(runtime.Errors);
        Assert.Equal("r-1", requestId);
        Assert.Equal(InvocationHandler.RejectedEvent, error.ErrorType);
        Assert.Equal("r-2", Assert.Single(runtime.Responses).RequestId);
    }
}
