using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using GuardAlerts.Core.Thresholds;
using static GuardAlerts.Core.Tests.Thresholds.ThresholdPolicy;

namespace GuardAlerts.Core.Tests.Thresholds;

public class ThresholdCounterTests
{
    [Fact]
    public async Task ProcessAsync_WhenBelowTheCount_ShouldCountWithoutAlerting()
    {
        var decisions = await RunAsync(NewPipeline(), [Read(Start, "a"), Read(Start.AddMinutes(1), "b")]);

        Assert.Empty(Alerts(decisions, "threshold-reads"));
        Assert.All(decisions, d => Assert.Equal(Outcome.Ignored, d.Outcome));
        Assert.Equal(2, Assert.Single(decisions[1].Thresholds).Count);
    }

    [Fact]
    public async Task ProcessAsync_WhenTheCountIsReached_ShouldAlertOnceWithWhatWasCounted()
    {
        var publisher = new RecordingPublisher();
        var decisions = await RunAsync(NewPipeline(publisher: publisher), [Read(Start, "a"), Read(Start.AddMinutes(1), "b"), Read(Start.AddMinutes(2), "c"), Read(Start.AddMinutes(3), "d")]);

        var alert = Assert.Single(Alerts(decisions, "threshold-reads"));
        Assert.Equal(Outcome.Alert, decisions[2].Outcome);
        Assert.Equal("threshold-reads", decisions[2].RuleId);
        Assert.Equal(alert.Key, decisions[2].DedupKey);
        Assert.Contains("3 secret reads by principal arn:aws:iam::111122223333:user/alice within 10 minutes", alert.Reason, StringComparison.Ordinal);
        Assert.Contains("first 2026-10-01 10:00:00, last 2026-10-01 10:02:00", alert.Reason, StringComparison.Ordinal);
        Assert.Single(publisher.Published);
        Assert.Contains("secret reads", publisher.Published[0].EmailBody, StringComparison.Ordinal);
        Assert.Equal(Outcome.Ignored, decisions[3].Outcome);
    }

    [Fact]
    public async Task ProcessAsync_WhenTheCountDoublesAndMore_ShouldAlertAtN2N4N8NAndNoMore()
    {
        var events = Enumerable.Range(0, 40).Select(i => Read(Start.AddSeconds(i * 5), "e" + i));

        var alerts = Alerts(await RunAsync(NewPipeline(), events), "threshold-reads");

        // 40 reads within 4 minutes lie in both overlapping windows; the later one leaves each multiple to the earlier.
        Assert.Equal([3L, 6, 12, 24], alerts.Select(a => a.Count));
        Assert.Equal(4, alerts.Select(a => a.Key).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(14)]
    [InlineData(19)]
    public async Task ProcessAsync_WhenABurstWithinTheWindowStraddlesAnyEdge_ShouldAlertExactlyOnce(int offsetMinutes)
    {
        // Three reads spread over 9 minutes 59 seconds, starting anywhere relative to the 10-minute slots.
        var first = Start.AddMinutes(offsetMinutes).AddSeconds(30);
        var burst = new[] { Read(first, "a"), Read(first.AddSeconds(299), "b"), Read(first.AddSeconds(599), "c") };

        Assert.Single(Alerts(await RunAsync(NewPipeline(), burst), "threshold-reads"));
    }

    [Fact]
    public async Task ProcessAsync_WhenABurstArrivesInAnyOrder_ShouldAlertOnceWithTheSameKey()
    {
        var times = new[] { 0, 95, 190, 420, 555 };
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var order in Permutations(times))
        {
            var alerts = Alerts(await RunAsync(NewPipeline(), order.Select(s => Read(Start.AddMinutes(8).AddSeconds(s), "e" + s))), "threshold-reads");
            keys.Add(Assert.Single(alerts).Key);
        }

        Assert.Single(keys);
    }

    [Fact]
    public async Task ProcessAsync_WhenSeparateBurstsRecurEveryOtherSlot_ShouldAlertOnEachBurst()
    {
        // Three reads within two minutes, again every 20 minutes: each burst is N within M on its own and lies more
        // than M from the one before. A window that looks back at a window holding only the previous burst must not
        // take that burst's alert for its own.
        var events = Enumerable.Range(0, 4).SelectMany(burst => Enumerable.Range(0, 3)
            .Select(i => Read(Start.AddMinutes((20 * burst) + 1 + i), $"b{burst}e{i}")));

        var alerts = Alerts(await RunAsync(NewPipeline(), events), "threshold-reads");

        Assert.Equal(4, alerts.Count);
        Assert.Equal(4, alerts.Select(a => a.Key).Distinct().Count());
    }

    [Fact]
    public async Task ProcessAsync_WhenEventsAreFartherApartThanTwoWindows_ShouldNotAlert()
    {
        var decisions = await RunAsync(NewPipeline(), [Read(Start, "a"), Read(Start.AddMinutes(21), "b"), Read(Start.AddMinutes(42), "c")]);

        Assert.Empty(Alerts(decisions, "threshold-reads"));
    }

    [Fact]
    public async Task ProcessAsync_WhenTheSameEventIsRetried_ShouldCountItOnce()
    {
        var pipeline = NewPipeline();
        var decisions = await RunAsync(pipeline, [Read(Start, "a"), Read(Start, "a"), Read(Start.AddMinutes(1), "b"), Read(Start.AddMinutes(1), "b")]);

        Assert.Empty(Alerts(decisions, "threshold-reads"));
        Assert.Equal(2, decisions[3].Thresholds[0].Count);
    }

    [Fact]
    public async Task ProcessAsync_WhenTheCrossingsPublishFails_ShouldAlertOnTheRetryOfThatEvent()
    {
        var publisher = new FailingOncePublisher();
        var pipeline = NewPipeline(publisher: publisher);
        await RunAsync(pipeline, [Read(Start, "a"), Read(Start.AddMinutes(1), "b")]);

        await Assert.ThrowsAsync<HttpRequestException>(() => pipeline.ProcessAsync(Read(Start.AddMinutes(2), "c")).AsTask());
        var retry = await pipeline.ProcessAsync(Read(Start.AddMinutes(2), "c"));
        var again = await pipeline.ProcessAsync(Read(Start.AddMinutes(2), "c"));

        Assert.Equal(Outcome.Alert, retry.Outcome);
        Assert.Equal("threshold-reads", retry.RuleId);
        Assert.Equal(Outcome.Duplicate, again.Thresholds.Single(t => t.DedupKey is not null).Outcome);
        Assert.Equal(1, publisher.Delivered);
    }

    [Fact]
    public async Task ProcessAsync_WhenDistinctValuesRepeat_ShouldCountEachValueOnce()
    {
        var describe = (int minute, string secret) => Read(Start.AddMinutes(minute), $"d{minute}", "DescribeSecret", secret);
        var decisions = await RunAsync(NewPipeline(), [describe(0, "s1"), describe(1, "s1"), describe(2, "s2"), describe(3, "s2"), describe(4, "s1")]);

        Assert.Empty(Alerts(decisions, "threshold-distinct-secrets"));
        var crossed = Alerts(await RunAsync(NewPipeline(), [describe(0, "s1"), describe(1, "s2"), describe(2, "s1"), describe(3, "s3")]), "threshold-distinct-secrets");
        Assert.Contains("e.g. s1, s2, s3", Assert.Single(crossed).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_WhenCallsAreRefusedWhateverTheirName_ShouldCountThemByErrorCode()
    {
        var refused = (int i, string name) => Json.Event(Json.ApiCall(name, "iam.amazonaws.com", Json.IamUser, ",\"errorCode\":\"AccessDenied\"",
            Start.AddSeconds(i).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), "r" + i));
        var throttled = Json.Event(Json.ApiCall("ListRoles", "iam.amazonaws.com", Json.IamUser, ",\"errorCode\":\"Throttling\"", "2026-10-01T10:00:05Z", "t"));

        var decisions = await RunAsync(NewPipeline(), [refused(1, "ListUsers"), throttled, refused(2, "ListRoles"), refused(3, "GetUser")]);

        Assert.Empty(decisions[1].Thresholds);
        Assert.Single(Alerts(decisions, "threshold-refused"));
    }

    [Fact]
    public async Task ProcessAsync_WhenAnExemptionSuppressesThePrincipal_ShouldNotCountItsEvents()
    {
        var policy = NewPolicy("""{"exemptions":[{"id":"alice-reader","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"principalArns":["arn:aws:iam::111122223333:user/alice"]}}]}""");
        var decisions = await RunAsync(NewPipeline(policy: policy), Enumerable.Range(0, 5).Select(i => Read(Start.AddMinutes(i), "x" + i)));

        Assert.Empty(Alerts(decisions, "threshold-reads"));
        Assert.All(decisions, d => Assert.Equal(Outcome.Exempted, Assert.Single(d.Thresholds).Outcome));
    }

    [Fact]
    public async Task ProcessAsync_WhenAnExemptionDowngrades_ShouldCountAndLowerTheCrossingAlert()
    {
        var policy = NewPolicy("""{"exemptions":[{"id":"alice-reader","reason":"r","owner":"o","expires":"2027-01-01","action":"downgrade","match":{"principalArns":["arn:aws:iam::111122223333:user/alice"]}}]}""");
        var decisions = await RunAsync(NewPipeline(policy: policy), Enumerable.Range(0, 3).Select(i => Read(Start.AddMinutes(i), "x" + i)));

        Assert.Single(Alerts(decisions, "threshold-reads"));
        Assert.Equal(Severity.Medium, decisions[2].Severity);
        Assert.Equal("alice-reader", decisions[2].ExemptionId);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(599, 0)]
    [InlineData(600, 1)]
    [InlineData(1199, 1)]
    public void Of_WhenAnEventFallsInASlot_ShouldGiveThatSlotsWindowAndTheOneBefore(int seconds, int slot)
    {
        var window = TimeSpan.FromMinutes(10);
        var (earlier, later) = ThresholdWindows.Of(Start.AddSeconds(seconds), window);

        Assert.Equal(Start.AddMinutes(10 * slot), later);
        Assert.Equal(later - window, earlier);
    }

    private static IEnumerable<int[]> Permutations(int[] items) => items.Length <= 1
        ? [items]
        : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (int[])[item, .. rest]));
}
