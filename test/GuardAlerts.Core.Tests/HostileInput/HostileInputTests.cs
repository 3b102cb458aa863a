using System.Text;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// The hostile-input catalogue through the real reader and pipeline: each case gives its expected decision or a
/// rejection naming the problem, nothing throws, the valid event after it is still decided, and nothing a user
/// wrote reaches a subject, SMS, reason or message unsanitised or beyond SNS's limits.
/// </summary>
public class HostileInputTests
{
    public static TheoryData<string> Cases => HostileCatalogue.Names();

    public static TheoryData<string> ArrayCases => HostileCatalogue.ArrayNames();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadAndProcess_WhenHostileLineInJsonLines_ShouldGiveTheExpectedOutcomeAndStillDecideTheNextLine(string name)
    {
        // Arrange
        var c = HostileCatalogue.Get(name);
        byte[] input = [.. c.Bad(), (byte)'\n', .. Encoding.UTF8.GetBytes(HostileEvents.Trailer), (byte)'\n'];

        // Act
        var run = await HostileRun.RunAsync(input);

        // Assert
        AssertOutcome(c, run, trailerLine: 2 + c.Bad().Count(b => b == (byte)'\n'));
    }

    [Theory]
    [MemberData(nameof(ArrayCases))]
    public async Task ReadAndProcess_WhenHostileItemInArray_ShouldGiveTheExpectedOutcomeAndStillDecideTheNextItem(string name)
    {
        // Arrange
        var c = HostileCatalogue.Get(name);
        byte[] input = [(byte)'[', .. c.Bad(), (byte)',', .. Encoding.UTF8.GetBytes(HostileEvents.Trailer), (byte)']'];

        // Act
        var run = await HostileRun.RunAsync(input, "hostile.json");

        // Assert
        AssertOutcome(c, run, trailerLine: null);
    }

    [Theory]
    [MemberData(nameof(ArrayCases))]
    public void ParseValue_WhenHostileInvocationPayload_ShouldRejectOrParseWithoutThrowing(string name)
    {
        // Arrange: the Lambda handler reads its payload with ParseValue, not the stream reader.
        var c = HostileCatalogue.Get(name);

        // Act
        var items = EventReader.ParseValue(c.Bad(), "invocation r-1", 1, 0);

        // Assert
        var item = Assert.Single(items);
        if (c.Outcome == "rejected")
        {
            var reason = item.Error ?? item.Parsed?.Rejection;
            Assert.NotNull(reason);
            Assert.Contains(c.Expect, reason, StringComparison.Ordinal);
            Assert.Null(SnsAcceptance.Unsafe(reason, allowLineBreaks: false));
        }
        else
        {
            Assert.NotNull(item.Parsed?.Event);
        }
    }

    private static void AssertOutcome(HostileCase c, HostileRun run, long? trailerLine)
    {
        Assert.True(run.Results.Count >= 2, run.ToString());
        var bad = run.Results[^2];
        var trailer = run.Results[^1];
        Assert.True(c.Outcome == bad.Outcome, $"{c.Name}: expected {c.Outcome}, got\n{run}");
        if (c.Outcome == "rejected")
        {
            Assert.True(bad.Reason.Contains(c.Expect, StringComparison.Ordinal), $"{c.Name}: the reason should name '{c.Expect}'\n{run}");
        }
        else
        {
            Assert.Equal(c.Expect.Length == 0 ? null : c.Expect, bad.Decision?.RuleId);
        }

        Assert.True(trailer.Outcome == "alert" && trailer.Decision?.Id == "env-f-trailer", $"{c.Name}: the valid event after it was not decided\n{run}");
        if (trailerLine is not null)
        {
            Assert.Equal(trailerLine, trailer.Item.Line);
            Assert.True(bad.Item.Line < trailerLine, $"{c.Name}: the bad value is reported on line {bad.Item.Line}");
        }

        foreach (var (item, _, reason, decision) in run.Results)
        {
            // Reasons and reader errors go to stderr and log lines verbatim.
            Assert.True(SnsAcceptance.Unsafe(reason, allowLineBreaks: false) is null, $"{item.Position}: reason {SnsAcceptance.Unsafe(reason, false)}");
            Assert.True(reason.Length <= 4096, $"{item.Position}: reason is {reason.Length} characters");
            if (decision?.DedupKey is { } key)
            {
                Assert.True(Encoding.UTF8.GetByteCount(key) <= 2048, "dedup key over DynamoDB's 2048-byte partition key limit");
                Assert.True(IsWellFormed(key), "dedup key is not well-formed UTF-16 (a split surrogate pair)");
            }
        }

        Assert.NotEmpty(run.Published);
        foreach (var alert in run.Published)
        {
            Assert.True(SnsAcceptance.Problem(alert) is null, $"{c.Name}: {SnsAcceptance.Problem(alert)}");
            Assert.False(SnsAcceptance.HasLineStartingWith(alert.EmailBody, HostileEvents.Marker), $"{c.Name}: a user's line break reached the email:\n{alert.EmailBody}");
        }
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
