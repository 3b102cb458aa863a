using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Pipeline;

public class AlertPipelineTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAlertLedger _ledger = new(TimeSpan.FromMinutes(5));
    private readonly RecordingPublisher _publisher = new();

    private AlertPipeline Pipeline(string exemptions = """{"exemptions":[]}""", IAlertPublisher? publisher = null) =>
        new(TestPolicy.Policy(exemptions), _ledger, publisher ?? _publisher, _clock);

    private static string StopLogging(string id = "1", string time = "2026-10-01T10:00:00Z") =>
        Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ""","requestParameters":{"name":"main"}""", time, id);

    [Fact]
    public async Task ProcessAsync_WhenRiskyEvent_ShouldPublishOnce()
    {
        var decision = await Pipeline().ProcessAsync(Json.Event(StopLogging()));

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Equal("trail-stop", decision.RuleId);
        Assert.Equal(Severity.High, decision.Severity);
        Assert.Single(_publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_WhenBurstInWindow_ShouldAlertOnceAndCountTheRest()
    {
        var pipeline = Pipeline();
        var decisions = new List<Decision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add(await pipeline.ProcessAsync(Json.Event(StopLogging(id: $"e{i}", time: $"2026-10-01T10:0{i}:00Z"))));
        }

        Assert.Equal([Outcome.Alert, Outcome.Duplicate, Outcome.Duplicate, Outcome.Duplicate], decisions.Select(d => d.Outcome));
        Assert.Equal(4, decisions[^1].SeenCount);
        Assert.Contains("seen 4 times", decisions[^1].Reason, StringComparison.Ordinal);
        Assert.Single(_publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_WhenNoRuleMatches_ShouldIgnoreWithReason()
    {
        var decision = await Pipeline().ProcessAsync(Json.Event(Json.ApiCall("DescribeInstances", "ec2.amazonaws.com", Json.IamUser)));

        Assert.Equal(Outcome.Ignored, decision.Outcome);
        Assert.Equal("no risk-table rule matches CloudTrail event 'DescribeInstances'", decision.Reason);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_WhenBelowMinimum_ShouldIgnoreButKeepRuleAndSeverity()
    {
        var decision = await Pipeline().ProcessAsync(Json.Event(Json.Finding("Recon:EC2/Portscan", 2)));

        Assert.Equal(Outcome.Ignored, decision.Outcome);
        Assert.Equal("gd-all", decision.RuleId);
        Assert.Equal(Severity.Low, decision.Severity);
        Assert.Contains("below the minimum Medium", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_WhenSuppressed_ShouldSayWhichExemptionAndWhy()
    {
        var decision = await Pipeline("""{"exemptions":[{"id":"ci","reason":"CI rotates trails","owner":"platform","expires":"2027-01-01","action":"suppress","match":{"principalArns":"arn:aws:iam::111122223333:user/alice"}}]}""")
            .ProcessAsync(Json.Event(StopLogging()));

        Assert.Equal(Outcome.Exempted, decision.Outcome);
        Assert.Equal("ci", decision.ExemptionId);
        Assert.Contains("CI rotates trails", decision.Reason, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_WhenDowngraded_ShouldAlertOneLevelLower()
    {
        var decision = await Pipeline("""{"exemptions":[{"id":"dev","reason":"dev account","owner":"platform","expires":"2027-01-01","action":"downgrade","match":{"accounts":"111122223333"}}]}""")
            .ProcessAsync(Json.Event(StopLogging()));

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Equal(Severity.Medium, decision.Severity);
        Assert.Contains("downgraded from High to Medium", decision.Alert!.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_WhenExemptionExpired_ShouldAlert()
    {
        var pipeline = Pipeline("""{"exemptions":[{"id":"ci","reason":"r","owner":"o","expires":"2026-10-01","action":"suppress","match":{"accounts":"111122223333"}}]}""");
        Assert.Equal(Outcome.Exempted, (await pipeline.ProcessAsync(Json.Event(StopLogging("1", "2026-10-01T10:00:00Z")))).Outcome);

        _clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(Outcome.Alert, (await pipeline.ProcessAsync(Json.Event(StopLogging("2", "2026-10-02T10:00:00Z")))).Outcome);
    }

    [Fact]
    public async Task ProcessAsync_WhenSeverityRisesWithinTheWindow_ShouldAlertAgainOncePerSeverity()
    {
        // A downgrade whose last day (2026-10-01, inclusive) ends between two identical calls in one window: the second
        // is rated higher than the alert already sent, so it is a worse fact, not a duplicate; a third at the same
        // higher rating is a true repeat.
        var pipeline = Pipeline("""{"exemptions":[{"id":"dev","reason":"r","owner":"o","expires":"2026-10-01","action":"downgrade","match":{"accounts":"111122223333"}}]}""");
        var first = await pipeline.ProcessAsync(Json.Event(StopLogging("1", "2026-10-01T23:10:00Z")));
        _clock.Advance(TimeSpan.FromHours(13)); // 2026-10-02T01:00Z: past the exemption's inclusive last day
        var second = await pipeline.ProcessAsync(Json.Event(StopLogging("2", "2026-10-01T23:40:00Z")));
        var third = await pipeline.ProcessAsync(Json.Event(StopLogging("3", "2026-10-01T23:50:00Z")));

        Assert.Equal((Outcome.Alert, Severity.Medium), (first.Outcome, first.Severity));
        Assert.Equal((Outcome.Alert, Severity.High), (second.Outcome, second.Severity));
        Assert.Equal(Outcome.Duplicate, third.Outcome);
        Assert.Equal(2, _publisher.Published.Count);
    }

    [Fact]
    public async Task ProcessAsync_WhenVpcEndpointRecordNamesARiskyCall_ShouldIgnoreWithTheRecordTypeAsReason()
    {
        var vpce = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser,
            ""","eventType":"AwsVpceEvent","eventCategory":"NetworkActivity","vpcEndpointId":"vpce-0a1b2c3d","errorCode":"VpceAccessDenied","requestParameters":{"name":"main"}""");

        var decision = await Pipeline().ProcessAsync(Json.Event(vpce));

        Assert.Equal(Outcome.Ignored, decision.Outcome);
        Assert.Null(decision.RuleId);
        Assert.StartsWith("CloudTrail eventType 'AwsVpceEvent': a VPC endpoint network-activity record about 'StopLogging'", decision.Reason, StringComparison.Ordinal);
        Assert.Empty(_publisher.Published);
    }

    [Theory]
    [InlineData("AwsApiCall")]
    [InlineData("AwsConsoleSignin")]
    [InlineData("AwsServiceEvent")]
    public async Task ProcessAsync_WhenRecordTypeIsDecidedByRules_ShouldStillAlert(string eventType)
    {
        var decision = await Pipeline().ProcessAsync(Json.Event(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser,
            $$""","eventType":"{{eventType}}","requestParameters":{"name":"main"}""")));

        Assert.Equal(Outcome.Alert, decision.Outcome);
    }

    [Fact]
    public async Task ProcessAsync_WhenRejected_ShouldNotTouchLedger()
    {
        var decision = await Pipeline().ProcessAsync(Json.Event("""{"detail-type":"Nope","source":"x","detail":{}}"""));

        Assert.Equal(Outcome.Rejected, decision.Outcome);
        Assert.Equal(0, _ledger.Count);
    }

    [Fact]
    public async Task ProcessAsync_WhenPublishFails_ShouldReleaseClaimSoRetrySendsOnce()
    {
        var flaky = new RecordingPublisher(failFirst: 1);
        var pipeline = Pipeline(publisher: flaky);

        await Assert.ThrowsAsync<HttpRequestException>(async () => await pipeline.ProcessAsync(Json.Event(StopLogging())));
        var retry = await pipeline.ProcessAsync(Json.Event(StopLogging()));
        var again = await pipeline.ProcessAsync(Json.Event(StopLogging()));

        Assert.Equal(Outcome.Alert, retry.Outcome);
        Assert.Equal(Outcome.Duplicate, again.Outcome);
        Assert.Equal(1, flaky.Count);
    }

    [Fact]
    public async Task ProcessAsync_WhenProcessDiedAfterClaim_ShouldSendAfterLeaseExpires()
    {
        var pipeline = Pipeline();
        var key = (await pipeline.ProcessAsync(Json.Event(StopLogging()))).DedupKey!;
        // Simulate a crash between claim and publish: a second claim on the key that is never confirmed.
        var orphan = await _ledger.ClaimAsync(new ClaimRequest(key + "-other", _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), default);
        Assert.Equal(ClaimStatus.Won, orphan.Status);
        Assert.Equal(ClaimStatus.Duplicate, (await _ledger.ClaimAsync(new ClaimRequest(key + "-other", _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), default)).Status);

        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(ClaimStatus.Won, (await _ledger.ClaimAsync(new ClaimRequest(key + "-other", _clock.GetUtcNow(), _clock.GetUtcNow().AddDays(1)), default)).Status);
    }

    [Fact]
    public async Task ProcessAsync_WhenExemptedIgnoredOrRejected_ShouldMakeNoLedgerOrPublishCall()
    {
        var ledger = new CountingLedger(_ledger);
        var exemptions = """{"exemptions":[{"id":"ci","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"111122223333","eventNames":"StopLogging"}}]}""";
        var pipeline = new AlertPipeline(TestPolicy.Policy(exemptions), ledger, _publisher, _clock);

        Assert.Equal(Outcome.Exempted, (await pipeline.ProcessAsync(Json.Event(StopLogging()))).Outcome);
        Assert.Equal(Outcome.Ignored, (await pipeline.ProcessAsync(Json.Event(Json.ApiCall("DescribeInstances", "ec2.amazonaws.com", Json.IamUser)))).Outcome);
        Assert.Equal(Outcome.Ignored, (await pipeline.ProcessAsync(Json.Event(Json.Finding("Recon:EC2/Portscan", 1)))).Outcome);
        Assert.Equal(Outcome.Rejected, (await pipeline.ProcessAsync(Json.Event("{}"))).Outcome);

        Assert.Equal(0, ledger.Calls);
        Assert.Empty(_publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_WhenAlertThenDuplicate_ShouldUseTwoLedgerCallsThenOne()
    {
        var ledger = new CountingLedger(_ledger);
        var pipeline = new AlertPipeline(TestPolicy.Policy(), ledger, _publisher, _clock);

        await pipeline.ProcessAsync(Json.Event(StopLogging()));
        Assert.Equal(2, ledger.Calls);
        await pipeline.ProcessAsync(Json.Event(StopLogging()));
        Assert.Equal(3, ledger.Calls);
        Assert.Single(_publisher.Published);
    }

    [Fact]
    public async Task ProcessAsync_WhenHeartbeatCanary_ShouldPublishWithCanaryAttributeIgnoringExemptions()
    {
        var everything = """{"exemptions":[{"id":"all","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"111122223333"}}]}""";
        var canary = """{"version":"0","id":"hb-1","detail-type":"GuardAlerts Canary","source":"guardalerts.canary","account":"111122223333","time":"2026-10-01T10:00:00Z","region":"us-east-1","resources":[],"detail":{"function":"cloudtrail"}}""";

        var first = await Pipeline(everything).ProcessAsync(Json.Event(canary));
        var redelivered = await Pipeline(everything).ProcessAsync(Json.Event(canary));
        var nextHour = await Pipeline(everything).ProcessAsync(Json.Event(canary.Replace("hb-1", "hb-2", StringComparison.Ordinal)));

        Assert.Equal(Outcome.Alert, first.Outcome);
        Assert.Equal("guardalerts-canary", first.RuleId);
        Assert.Contains(new KeyValuePair<string, string>("canary", "true"), first.Alert!.Attributes);
        Assert.Equal(Outcome.Duplicate, redelivered.Outcome);
        Assert.Equal(Outcome.Alert, nextHour.Outcome);
    }

    [Theory]
    [InlineData("""{"detail-type":"GuardAlerts Canary","source":"evil.source","id":"x","detail":{"function":"cloudtrail"}}""")]
    [InlineData("""{"detail-type":"GuardAlerts Canary","source":"guardalerts.canary","id":"x","detail":{}}""")]
    public async Task ProcessAsync_WhenCanaryIsForged_ShouldReject(string json) =>
        Assert.Equal(Outcome.Rejected, (await Pipeline().ProcessAsync(Json.Event(json))).Outcome);

    private sealed class CountingLedger(IAlertLedger inner) : IAlertLedger
    {
        public int Calls { get; private set; }

        public ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.ClaimAsync(request, cancellationToken);
        }

        public ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.ConfirmAsync(claim, messageId, cancellationToken);
        }

        public ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.ReleaseAsync(claim, cancellationToken);
        }

        public ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.CountAsync(request, cancellationToken);
        }

        public ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.ReadCountAsync(key, now, cancellationToken);
        }
    }
}
