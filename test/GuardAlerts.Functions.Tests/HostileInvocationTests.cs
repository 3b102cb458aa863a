using System.Text.Json;
using GuardAlerts.Testing;

namespace GuardAlerts.Functions.Tests;

/// <summary>
/// A few cases of the hostile-input catalogue (test/GuardAlerts.Core.Tests/HostileInput) as Lambda payloads to the
/// published bootstrap: a RejectedEvent error that names the problem in one clean line, every log line still one
/// JSON object, and the next event still processed.
/// </summary>
[Collection(FunctionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HostileInvocationTests(PublishedBootstrap published)
{
    private static string StopLogging => FunctionHarness.Payloads(Path.Combine(RepoPaths.Root, "events", "cloudtrail", "StopLogging.json")).Single();

    public static TheoryData<string, string> Payloads => new()
    {
        { StopLogging[..(StopLogging.Length / 2)], "invalid JSON" },
        { "{\"detail-type\":\"AWS API Call via CloudTrail\\r\\n{\\\"forged\\\":\\\"log line\\\"}\\u0000\\u202E\",\"source\":\"aws.x\",\"detail\":{}}", "unknown detail-type" },
        { "{\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.x\",\"detail\":" + new string('[', 10_000) + new string(']', 10_000) + "}", "depth" },
        { StopLogging.Replace("\"eventName\": \"StopLogging\"", "\"eventName\": \"StopLogging\", \"eventName\": \"ListTrails\"", StringComparison.Ordinal), "eventName" },
        { StopLogging.Replace("\"eventName\": \"StopLogging\"", "\"eventName\": 42", StringComparison.Ordinal), "eventName must be a non-empty string, got a number" },
    };

    [Fact]
    public async Task Invoke_WhenFreeTextHoldsALoneSurrogate_ShouldAlertSayingSoInsteadOfRejecting()
    {
        // Rejected, Lambda would retry it into the dead-letter queue and the StopLogging alert would never go out.
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await published.Dynalite.CreateTableAsync(published.Dynalite.CreateClient()));
        var payload = StopLogging.Replace("\"userAgent\": \"", "\"userAgent\": \"\\ud800 ", StringComparison.Ordinal);
        Assert.NotEqual(StopLogging, payload);

        var result = await function.InvokeAsync(payload);

        Assert.True(result.Succeeded, result.Body);
        Assert.Equal("alert", result.Outcome);
        Assert.Contains("read as U+FFFD in detail.userAgent", result.Field("reason"), StringComparison.Ordinal);
        Assert.Contains("U+FFFD in detail.userAgent", System.Net.WebUtility.UrlDecode(System.Text.Encoding.UTF8.GetString(Assert.Single(function.Sns.Requests).Body)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Invoke_WhenPayloadIsHostile_ShouldRejectInOneCleanLineAndKeepServing(string payload, string reason)
    {
        // Arrange
        await using var function = await FunctionHarness.StartAsync(published, "cloudtrail", await published.Dynalite.CreateTableAsync(published.Dynalite.CreateClient()));

        // Act
        var result = await function.InvokeAsync(payload);
        var next = await function.InvokeAsync(StopLogging);
        await Task.Delay(200);

        // Assert
        Assert.Equal("GuardAlerts.RejectedEvent", result.ErrorType);
        var message = result.Field("errorMessage")!;
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, c => char.IsControl(c) || c is '\u202E');
        Assert.Equal("alert", next.Outcome);
        Assert.All(function.Process.Lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.DoesNotContain(function.Process.Lines, line => line.Contains("\\u0000", StringComparison.Ordinal) || line.Contains('\u202E'));
    }
}
