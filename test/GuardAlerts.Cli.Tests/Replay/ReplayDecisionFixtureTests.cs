using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>
/// Replays the sequences in test/data/decisions through the CLI: a duplicate is only ever the same fact again (same
/// call, outcome, session, target and severity); a different or worse fact always alerts.
/// </summary>
[Trait("Category", "Integration")]
public class ReplayDecisionFixtureTests
{
    [Theory]
    [InlineData("stoplogging-denied-then-succeeded.json", "alert Medium,alert High,duplicate High")]
    [InlineData("deletedetector-denied-then-succeeded.json", "alert High,alert Critical")]
    [InlineData("attachuserpolicy-admin-denied-then-succeeded.json", "alert Medium,alert High")]
    [InlineData("putrolepolicy-benign-then-iam-wildcard.json", "alert Medium,alert High,duplicate Medium")]
    [InlineData("identity-center-two-people-one-key.json", "alert High,alert High,alert High,duplicate High")]
    [InlineData("shared-role-same-session-name.json", "alert High,alert High")]
    [InlineData("root-sign-ins-two-addresses.json", "alert Critical,alert Critical,alert Critical")]
    [InlineData("db-security-group-four-calls.json", "alert High,alert High,alert High,alert High")]
    [InlineData("guardduty-same-finding-id-two-regions.json", "alert Medium,alert Medium,duplicate Medium")]
    [InlineData("stoplogging-true-repeats.json", "alert High,duplicate High,duplicate High")]
    public async Task Replay_WhenSequenceReplayed_ShouldAlertOnEveryDifferentFactAndCollapseOnlyRepeats(string file, string expected)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", Path.Combine("test", "data", "decisions", file), "--format", "jsonl");

        Assert.True(exit == 0, stderr);
        var lines = Lines(stdout);
        Assert.Equal(expected, string.Join(",", lines.Select(l => $"{l.GetProperty("outcome").GetString()} {l.GetProperty("severity").GetString()}")));
        // A duplicate names the key of the alert it repeats; the alerts before it each had their own.
        var alerted = lines.Where(l => l.GetProperty("outcome").GetString() == "alert").Select(l => l.GetProperty("dedupKey").GetString()).ToList();
        Assert.Equal(alerted.Count, alerted.Distinct(StringComparer.Ordinal).Count());
        Assert.All(lines.Where(l => l.GetProperty("outcome").GetString() == "duplicate"), l => Assert.Contains(l.GetProperty("dedupKey").GetString(), alerted));
    }

    [Fact]
    public async Task Replay_WhenDeniedThenSucceeded_ShouldShowCallOutcomeAndSeverityInTheDedupKey()
    {
        var (_, stdout, _) = await CliProcess.RunAsync("replay", Path.Combine("test", "data", "decisions", "stoplogging-denied-then-succeeded.json"), "--format", "jsonl");

        var keys = Lines(stdout).Select(l => l.GetProperty("dedupKey").GetString()!).ToList();
        Assert.Contains("#cloudtrail-logging-stopped#StopLogging#failed:AccessDenied#arn:aws:iam::111122223333:role/ops-automation#ASIAR5T7V9X1Z3B5D7F9|", keys[0], StringComparison.Ordinal);
        Assert.EndsWith("#Medium#1791190800", keys[0], StringComparison.Ordinal);
        Assert.Contains("#StopLogging#ok#", keys[1], StringComparison.Ordinal);
        Assert.EndsWith("#High#1791190800", keys[1], StringComparison.Ordinal);
    }

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
