using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

[Trait("Category", "Integration")]
public class ReplayEmailAndOnlyTests
{
    private const string Now = "2026-11-01T00:00:00Z";

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Replay_WhenFormatEmail_ShouldPrintSubjectSmsEmailAndChatOfEveryAlert()
    {
        var jsonl = Lines((await CliProcess.RunAsync("replay", "events", "--format", "jsonl", "--now", Now)).Stdout);
        var alerts = jsonl.Where(l => l.GetProperty("outcome").GetString() == "alert").ToList();

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", "events", "--format", "email", "--now", Now);

        Assert.True(exit == 0, stderr);
        var blocks = stdout.Split("--- Subject (e-mail)" + Environment.NewLine).Skip(1).ToList();
        Assert.Equal(alerts.Count, blocks.Count);
        for (var i = 0; i < alerts.Count; i++)
        {
            // In input order, each alert exactly as its subscribers receive it.
            var block = blocks[i];
            Assert.StartsWith(alerts[i].GetProperty("subject").GetString() + Environment.NewLine, block, StringComparison.Ordinal);
            Assert.Contains(Environment.NewLine + alerts[i].GetProperty("sms").GetString() + Environment.NewLine + "--- E-mail body", block, StringComparison.Ordinal);
            Assert.Contains("Why it matters:", block, StringComparison.Ordinal);
            var chat = block[(block.IndexOf("--- Chat", StringComparison.Ordinal) + 1)..].Split(Environment.NewLine)[1];
            Assert.Equal("1.0", JsonDocument.Parse(chat).RootElement.GetProperty("version").GetString());
        }

        // Every other event keeps its one line.
        Assert.Equal(jsonl.Count(l => l.GetProperty("outcome").GetString() == "ignored"), stdout.Split(Environment.NewLine).Count(l => l.StartsWith("IGNORED ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("alert")]
    [InlineData("exempted,duplicate")]
    [InlineData("ignored,rejected")]
    public async Task Replay_WhenOnlySomeOutcomes_ShouldPrintOnlyThose(string only)
    {
        var all = Lines((await CliProcess.RunAsync("replay", "events", "--format", "jsonl", "--now", Now)).Stdout);
        var wanted = only.Split(',');

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", "events", "--format", "jsonl", "--now", Now, "--only", only);

        Assert.True(exit == 0, stderr);
        var expected = all.Where(l => wanted.Contains(l.GetProperty("outcome").GetString())).Select(l => l.GetRawText()).ToList();
        Assert.Equal(expected, Lines(stdout).Select(l => l.GetRawText()));
    }

    [Fact]
    public async Task Replay_WhenOnlyAlertsAsText_ShouldStillCountEveryEventInTheSummary()
    {
        var all = Lines((await CliProcess.RunAsync("replay", "events", "--format", "jsonl", "--now", Now)).Stdout);

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", "events", "--now", Now, "--only", "duplicate");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split(Environment.NewLine);
        Assert.Equal(all.Count(l => l.GetProperty("outcome").GetString() == "duplicate"), lines.Count(l => l.StartsWith("DUPLICATE ", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("ALERT ", StringComparison.Ordinal) || l.StartsWith("IGNORED ", StringComparison.Ordinal));
        var events = lines.Single(l => l.Contains("events", StringComparison.Ordinal) && l.Contains('│'));
        Assert.Contains($" {all.Count} ", events, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alerts")]
    [InlineData("alert,")]
    [InlineData("ALERT")]
    public async Task Replay_WhenOnlyHasAnUnknownOutcome_ShouldExit2NamingTheAllowedValues(string only)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", "events", "--only", only);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("alert, exempted, duplicate, ignored, rejected", stderr, StringComparison.Ordinal);
    }
}
