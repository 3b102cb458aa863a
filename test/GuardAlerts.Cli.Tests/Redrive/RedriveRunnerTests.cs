using GuardAlerts.Cli.Redrive;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Cli.Tests.Redrive;

public sealed class RedriveRunnerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAlertLedger _ledger = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly StringWriter _output = new();

    private AlertPipeline Pipeline(IAlertPublisher? publisher = null) =>
        new(ConfigDirectory.Load(null, _clock.GetUtcNow()), _ledger, publisher ?? _publisher, _clock);

    [Fact]
    public async Task RunAsync_WhenMessagesAreRedrivable_ShouldPublishEachAlertOnceAndDeleteThem()
    {
        var guardDuty = DeadLetters.Event(DeadLetters.GuardDutySample);
        var cloudTrail = DeadLetters.Event(DeadLetters.CloudTrailSample);
        // The same GuardDuty event twice (Lambda's record and a copy): the ledger makes it one alert.
        var queue = new FakeDeadLetterQueue(
            DeadLetters.Message("a", DeadLetters.InvocationRecord(guardDuty)),
            DeadLetters.Message("b", cloudTrail, DeadLetters.EventBridgeAttributes()),
            DeadLetters.Message("c", DeadLetters.InvocationRecord(guardDuty)));

        var (summary, results) = await new RedriveRunner(queue, Pipeline(), _output).RunAsync(100, CancellationToken.None);

        Assert.Equal(new RedriveSummary(3, 3, 0, false), summary);
        Assert.Equal(["a", "b", "c"], queue.Deleted);
        Assert.Empty(queue.Remaining);
        Assert.Equal(2, _publisher.Published.Count);
        Assert.Equal([Outcome.Alert, Outcome.Alert, Outcome.Duplicate], results.Select(r => r.Decision!.Outcome));
        Assert.Contains("RetriesExhausted", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenASelfProtectionNoticeCouldNotReachItsTopic_ShouldKeepItAndSayWhy()
    {
        // A self-protection rule's target is a topic; the body is the CloudTrail event that changed the alerting.
        // The pipeline would call it "ignored" (no risk-table rule for SetTopicAttributes), and deleting it would
        // lose the one notice of an attack on the alerting.
        var change = File.ReadAllText(Path.Combine(Support.CliProcess.RepoRoot, "events/cloudtrail/ArchiveFindings.json"))
            .Replace("\"ArchiveFindings\"", "\"SetTopicAttributes\"", StringComparison.Ordinal)
            .Replace("\"guardduty.amazonaws.com\"", "\"sns.amazonaws.com\"", StringComparison.Ordinal);
        var attributes = DeadLetters.EventBridgeAttributes();
        attributes["RULE_ARN"] = "arn:aws:events:us-east-1:111122223333:rule/GuardAlerts-SelfProtectionRule1-ABC";
        attributes["TARGET_ARN"] = "arn:aws:sns:us-east-1:111122223333:GuardAlerts-AlertsOperations-XYZ";
        attributes["ERROR_CODE"] = "SNS_KMS_ERROR";
        var queue = new FakeDeadLetterQueue(DeadLetters.Message("notice", change, attributes));

        var (summary, results) = await new RedriveRunner(queue, Pipeline(), _output).RunAsync(100, CancellationToken.None);

        Assert.Equal(new RedriveSummary(1, 0, 1, false), summary);
        Assert.Empty(queue.Deleted);
        Assert.Equal(["notice"], queue.Released);
        Assert.Null(Assert.Single(results).Decision);
        Assert.Empty(_publisher.Published);
        Assert.Contains("self-protection notice", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("GuardAlerts-AlertsOperations-XYZ", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenSomeMessagesFail_ShouldDeleteOnlyTheSucceededAndReleaseTheRest()
    {
        var queue = new FakeDeadLetterQueue(
            DeadLetters.Message("good", DeadLetters.InvocationRecord(DeadLetters.Event(DeadLetters.GuardDutySample))),
            DeadLetters.Message("garbage", "not json"),
            DeadLetters.Message("no-payload", "{\"requestContext\":{\"condition\":\"EventAgeExceeded\"}}"),
            DeadLetters.Message("not-an-event", "{\"hello\":\"world\"}"));

        var (summary, results) = await new RedriveRunner(queue, Pipeline(), _output).RunAsync(100, CancellationToken.None);

        Assert.Equal(new RedriveSummary(4, 1, 3, false), summary);
        Assert.Equal(["good"], queue.Deleted);
        Assert.Equal(["garbage", "no-payload", "not-an-event"], queue.Released);
        Assert.All(results.Where(r => !r.Deleted), r => Assert.False(string.IsNullOrEmpty(r.Problem)));
    }

    [Fact]
    public async Task RunAsync_WhenPublishingFails_ShouldKeepTheMessageAndReleaseTheClaimForTheNextRedrive()
    {
        var message = DeadLetters.Message("a", DeadLetters.InvocationRecord(DeadLetters.Event(DeadLetters.GuardDutySample)));
        var queue = new FakeDeadLetterQueue(message);

        var (failed, _) = await new RedriveRunner(queue, Pipeline(new FailingPublisher()), _output).RunAsync(100, CancellationToken.None);
        var (retried, _) = await new RedriveRunner(queue, Pipeline(), _output).RunAsync(100, CancellationToken.None);

        Assert.Equal(1, failed.Failed);
        Assert.Equal(new RedriveSummary(1, 1, 0, false), retried);
        Assert.Single(_publisher.Published);
        Assert.Empty(queue.Remaining);
    }

    [Fact]
    public async Task RunAsync_WhenAnotherHolderHasAnUnconfirmedClaim_ShouldKeepTheMessage()
    {
        var eventJson = DeadLetters.Event(DeadLetters.GuardDutySample);
        var (_, probe) = await new RedriveRunner(new FakeDeadLetterQueue(DeadLetters.Message("probe", eventJson)), Pipeline(), _output).RunAsync(1, CancellationToken.None);
        // An invocation that claimed the key and died before confirming: the claim is pending until its lease lapses.
        var ledger = new InMemoryAlertLedger();
        await ledger.ClaimAsync(new ClaimRequest(probe[0].Decision!.DedupKey!, _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), CancellationToken.None);
        var queue = new FakeDeadLetterQueue(DeadLetters.Message("y", DeadLetters.InvocationRecord(eventJson)));
        var pipeline = new AlertPipeline(ConfigDirectory.Load(null, _clock.GetUtcNow()), ledger, _publisher, _clock);

        var (summary, results) = await new RedriveRunner(queue, pipeline, _output).RunAsync(100, CancellationToken.None);

        Assert.Equal(1, summary.Failed);
        Assert.True(results[0].Decision!.ClaimPending);
        Assert.Empty(queue.Deleted);
        Assert.Single(queue.Remaining);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_WhenTheEventIsIgnored_ShouldDeleteItOnlyWithTheGivenPolicy(bool policyGiven)
    {
        // An event the built-in policy ignores may be one the deployed policy alerts on: deleting it on the built-in
        // policy's word would lose that alert.
        var ignored = DeadLetters.Event(DeadLetters.CloudTrailSample).Replace("\"ArchiveFindings\"", "\"ListFindings\"", StringComparison.Ordinal);
        var queue = new FakeDeadLetterQueue(DeadLetters.Message("ignored", DeadLetters.InvocationRecord(ignored)));

        var (summary, results) = await new RedriveRunner(queue, Pipeline(), _output, policyGiven).RunAsync(100, CancellationToken.None);

        Assert.Equal(Outcome.Ignored, Assert.Single(results).Decision!.Outcome);
        Assert.Empty(_publisher.Published);
        if (policyGiven)
        {
            Assert.Equal(new RedriveSummary(1, 1, 0, false), summary);
            Assert.Equal(["ignored"], queue.Deleted);
        }
        else
        {
            Assert.Equal(new RedriveSummary(1, 0, 1, false), summary);
            Assert.Empty(queue.Deleted);
            Assert.Equal(["ignored"], queue.Released);
            Assert.Contains("--config", _output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_WhenDryRun_ShouldShowEveryMessageAndProcessAndDeleteNothing()
    {
        var queue = new FakeDeadLetterQueue(
            DeadLetters.Message("a", DeadLetters.InvocationRecord(DeadLetters.Event(DeadLetters.GuardDutySample))),
            DeadLetters.Message("b", DeadLetters.Event(DeadLetters.CloudTrailSample), DeadLetters.EventBridgeAttributes()));

        var (summary, _) = await new RedriveRunner(queue, null, _output).RunAsync(100, CancellationToken.None);

        Assert.Equal(new RedriveSummary(2, 0, 0, true), summary);
        Assert.Empty(queue.Deleted);
        Assert.Equal(2, queue.Remaining.Count);
        Assert.Empty(_publisher.Published);
        Assert.Contains("SDK_CLIENT_ERROR", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenMoreMessagesThanTheMaximum_ShouldStopAtTheMaximum()
    {
        var eventJson = DeadLetters.Event(DeadLetters.CloudTrailSample);
        var queue = new FakeDeadLetterQueue([.. Enumerable.Range(0, 25).Select(i => DeadLetters.Message($"m{i}", eventJson))]);

        var (summary, _) = await new RedriveRunner(queue, Pipeline(), _output).RunAsync(12, CancellationToken.None);

        Assert.Equal(12, summary.Received);
        Assert.Equal(13, queue.Remaining.Count);
    }
}
