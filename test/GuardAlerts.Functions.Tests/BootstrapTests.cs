using System.Text;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Functions.Tests;

/// <summary>The published Native AOT bootstrap, end to end: Runtime API emulator, dynalite, SNS capture server.</summary>
[Collection(FunctionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BootstrapTests(PublishedBootstrap published)
{
    private async Task<string> NewTableAsync() => await published.Dynalite.CreateTableAsync(published.Dynalite.CreateClient());

    [Fact]
    public async Task EverySampleEvent_WhenInvoked_ShouldAnswerAsTheInProcessPipelineAndPublishOnce()
    {
        var table = await NewTableAsync();
        var policy = PolicyLoader.Load(
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", "risk-table.json")), "risk-table.json",
            File.ReadAllBytes(Path.Combine(RepoPaths.Root, "config", "exemptions.json")), "exemptions.json", TimeProvider.System.GetUtcNow());
        var expected = new AlertPipeline(policy, new InMemoryAlertLedger(), new RecordingPublisher(), TimeProvider.System);
        await using var sns = new CaptureServer();
        await using var cloudTrail = await FunctionHarness.StartAsync(published, "cloudtrail", table, sns);
        await using var guardDuty = await FunctionHarness.StartAsync(published, "guardduty", table, sns);
        var mismatches = new List<string>();
        var alerts = 0;

        foreach (var (folder, function) in new[] { ("cloudtrail", cloudTrail), ("guardduty", guardDuty) })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "events", folder), "*.json").Order(StringComparer.Ordinal))
            {
                foreach (var payload in FunctionHarness.Payloads(file))
                {
                    var want = await expected.ProcessAsync(EventReader.ParseValue(Encoding.UTF8.GetBytes(payload), file, 1, 0)[0].Parsed!);
                    var got = await function.InvokeAsync(payload);
                    // An event publishes its own alert and each threshold crossing it causes; its line shows one of them.
                    alerts += want.Thresholds.Count(t => t.Outcome == Outcome.Alert)
                        + (want.Outcome == Outcome.Alert && want.Thresholds.All(t => t.DedupKey != want.DedupKey) ? 1 : 0);
                    if (!got.Succeeded || got.Outcome != want.Outcome.Name() || got.Field("rule") != want.RuleId || got.Field("id") != want.Id)
                    {
                        mismatches.Add($"{Path.GetFileName(file)}: expected {want.Outcome.Name()} ({want.RuleId}), got {got.Body} [{got.ErrorType}]");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        Assert.True(alerts > 100, $"{alerts} alerts");
        Assert.Equal(alerts, sns.Requests.Count);

        // A redelivery of an alerted event is a duplicate: answered, not published again.
        var first = Directory.GetFiles(Path.Combine(RepoPaths.Root, "events", "cloudtrail"), "StopLogging.json").Single();
        var again = await cloudTrail.InvokeAsync(FunctionHarness.Payloads(first).Single());
        Assert.Equal("duplicate", again.Outcome);
        Assert.Equal(alerts, sns.Requests.Count);
    }

    [Theory]
    [InlineData("cloudtrail", "guardduty/Recon_IAMUser_MaliciousIPCaller.json", "GuardAlerts.WrongEventKind", "received a guardduty event")]
    [InlineData("guardduty", "cloudtrail/StopLogging.json", "GuardAlerts.WrongEventKind", "received a cloudtrail event")]
    public async Task Invoke_WhenEventOfTheOtherKind_ShouldReportAClearError(string handler, string sample, string errorType, string message)
    {
        await using var function = await FunctionHarness.StartAsync(published, handler, await NewTableAsync());
        var file = Path.Combine(RepoPaths.Root, "events", sample);

        var result = await function.InvokeAsync(FunctionHarness.Payloads(file).First());

        Assert.False(result.Succeeded);
        Assert.Equal(errorType, result.ErrorType);
        Assert.Contains(message, result.Field("errorMessage"), StringComparison.Ordinal);
        Assert.Empty(function.Sns.Requests);
    }

    [Theory]
    [InlineData("this is not json", "invalid JSON (line 1, byte 1)")]
    [InlineData("{\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.x\",\"detail\":{\"eventSource\":\"x\"}}", "eventName is missing")]
    [InlineData("{\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}", "unknown detail-type 'Scheduled Event'")]
    [InlineData("{\"eventName\":", "invalid JSON")]
    public async Task Invoke_WhenEventIsMalformed_ShouldReportRejectedAndKeepServing(string payload, string reason)
    {
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await NewTableAsync());

        var result = await function.InvokeAsync(payload);
        var next = await function.InvokeAsync(FunctionHarness.Payloads(Path.Combine(RepoPaths.Root, "events", "cloudtrail", "StopLogging.json")).Single());

        Assert.Equal("GuardAlerts.RejectedEvent", result.ErrorType);
        Assert.Contains(reason, result.Field("errorMessage"), StringComparison.Ordinal);
        Assert.Equal("alert", next.Outcome);
    }

    [Fact]
    public async Task Invoke_WhenSnsIsDownBeyondRetries_ShouldFailThenPublishOnceOnRetry()
    {
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await NewTableAsync());
        var payload = FunctionHarness.Payloads(Path.Combine(RepoPaths.Root, "events", "cloudtrail", "DeleteTrail.json")).Single();
        for (var i = 0; i < 4; i++)
        {
            function.Sns.Enqueue(500, CaptureServer.Error("Receiver", "InternalError", "down"));
        }

        var failed = await function.InvokeAsync(payload);
        var retried = await function.InvokeAsync(payload);
        var redelivered = await function.InvokeAsync(payload);

        Assert.Equal("GuardAlerts.ProcessingFailed", failed.ErrorType);
        Assert.Equal("alert", retried.Outcome);
        Assert.Equal("duplicate", redelivered.Outcome);
        Assert.Equal(5, function.Sns.Requests.Count);
        Assert.Contains(function.Process.Lines, l => l.Contains("\"PublishFailures\":1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_WhenDecided_ShouldLogOneStructuredLineAndMetricsWithoutTheEvent()
    {
        await using var function = await FunctionHarness.StartAsync(published, "guardduty", await NewTableAsync());
        var file = Directory.GetFiles(Path.Combine(RepoPaths.Root, "events", "guardduty"), "*.json").Order(StringComparer.Ordinal).First();
        var payload = FunctionHarness.Payloads(file).First();

        var result = await function.InvokeAsync(payload);
        await Task.Delay(200);

        Assert.True(result.Succeeded, result.Body);
        var decision = Assert.Single(function.Process.Lines, l => l.Contains("\"type\":\"decision\"", StringComparison.Ordinal));
        Assert.Contains($"\"eventId\":\"{result.Field("id")}\"", decision, StringComparison.Ordinal);
        Assert.Contains("\"durationMs\":", decision, StringComparison.Ordinal);
        Assert.Contains(function.Process.Lines, l => l.Contains("\"CloudWatchMetrics\"", StringComparison.Ordinal));
        Assert.DoesNotContain(function.Process.Lines, l => l.Contains("\"description\"", StringComparison.Ordinal) || l.Contains("\"resource\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_WhenHeartbeatCanary_ShouldPublishWithCanaryAttributeAndCountIt()
    {
        await using var function = await FunctionHarness.StartAsync(published, "guardduty", await NewTableAsync());
        var canary = """{"version":"0","id":"hb-7","detail-type":"GuardAlerts Canary","source":"guardalerts.canary","account":"111122223333","time":"2026-10-01T10:00:00Z","region":"us-east-1","resources":[],"detail":{"function":"guardduty"}}""";

        var result = await function.InvokeAsync(canary);
        var misrouted = await function.InvokeAsync(canary.Replace("\"guardduty\"}", "\"cloudtrail\"}", StringComparison.Ordinal).Replace("hb-7", "hb-8", StringComparison.Ordinal));
        await Task.Delay(200);

        Assert.Equal("alert", result.Outcome);
        Assert.Contains("MessageAttributes.entry.6.Name=canary", System.Text.Encoding.UTF8.GetString(Assert.Single(function.Sns.Requests).Body), StringComparison.Ordinal);
        Assert.Contains(function.Process.Lines, l => l.Contains("\"CanarySucceeded\":1", StringComparison.Ordinal) && l.Contains("\"Alerts\":0", StringComparison.Ordinal));
        Assert.Equal("GuardAlerts.WrongEventKind", misrouted.ErrorType);
    }

    [Theory]
    [InlineData("GUARDALERTS_TABLE", null, "GUARDALERTS_TABLE is not set")]
    [InlineData("GUARDALERTS_TOPIC_ARN", "arn:aws:sqs:us-east-1:111122223333:q", "GUARDALERTS_TOPIC_ARN is not an SNS topic ARN")]
    [InlineData("_HANDLER", "lambda", "_HANDLER must be 'guardduty' or 'cloudtrail'")]
    [InlineData("GUARDALERTS_POLICY_DIR", null, "GUARDALERTS_POLICY_DIR is not set")]
    [InlineData("GUARDALERTS_POLICY_DIR", "/nonexistent/guardalerts-policy", "policy files in /nonexistent/guardalerts-policy")]
    [InlineData("GUARDALERTS_ACCOUNT_NAMES", "111122223333=prod,1234=x", "GUARDALERTS_ACCOUNT_NAMES: '1234=x': the account id '1234' is not 12 digits")]
    [InlineData("GUARDALERTS_ORGANIZATION_NAMES", "yes", "GUARDALERTS_ORGANIZATION_NAMES must be 'true' or 'false'")]
    public async Task Start_WhenConfigurationIsMissingOrBad_ShouldPostInitErrorNamingItAndExit(string variable, string? value, string message)
    {
        await using var runtime = new RuntimeApiEmulator();
        await using var sns = new CaptureServer();
        var environment = FunctionHarness.Environment(published, "cloudtrail", "table", runtime, sns);
        environment[variable] = value;
        if (value is null)
        {
            environment.Remove(variable);
        }

        await using var process = BootstrapProcess.Start(published.Bootstrap, environment);
        var error = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("GuardAlerts.InvalidConfiguration", error.ErrorType);
        Assert.Contains(message, error.Field("errorMessage"), StringComparison.Ordinal);
        Assert.NotEqual(0, process.ExitCode);
    }

    [Fact]
    public async Task Invoke_ShouldApplyTheDeployedPolicyFiles()
    {
        var policy = Path.Combine(published.Folder, "policy-" + Guid.NewGuid().ToString("n"));
        PublishedBootstrap.CopyPolicy(policy);
        await File.WriteAllTextAsync(Path.Combine(policy, "exemptions.json"),
            """{"exemptions":[{"id":"audit-account-trail-change","reason":"the audit account rotates its trail","owner":"secops","expires":"2099-01-01","action":"suppress","match":{"accounts":"111122223333"}}]}""");
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await NewTableAsync(), policyDirectory: policy);

        var result = await function.InvokeAsync(FunctionHarness.Payloads(Path.Combine(RepoPaths.Root, "events", "cloudtrail", "StopLogging.json")).First());

        Assert.Equal("exempted", result.Outcome);
        Assert.Empty(function.Sns.Requests);
    }

    [Fact]
    public async Task Start_WhenADeployedPolicyFileIsBroken_ShouldPostInitErrorNamingFileEntryAndField()
    {
        var policy = Path.Combine(published.Folder, "policy-" + Guid.NewGuid().ToString("n"));
        PublishedBootstrap.CopyPolicy(policy);
        await File.WriteAllTextAsync(Path.Combine(policy, "exemptions.json"),
            """{"exemptions":[{"id":"e1","reason":"r","owner":"o","expires":"2099-01-01","action":"mute","match":{"accounts":"111122223333"}}]}""");
        await using var runtime = new RuntimeApiEmulator();
        await using var sns = new CaptureServer();
        var environment = FunctionHarness.Environment(published, "cloudtrail", "table", runtime, sns);
        environment["GUARDALERTS_POLICY_DIR"] = policy;

        await using var process = BootstrapProcess.Start(published.Bootstrap, environment);
        var error = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("GuardAlerts.InvalidConfiguration", error.ErrorType);
        Assert.Contains(Path.Combine(policy, "exemptions.json") + ": error: entry 'e1', field 'action'", error.Field("errorMessage"), StringComparison.Ordinal);
        Assert.NotEqual(0, process.ExitCode);
    }
}
