using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

[Trait("Category", "Integration")]
public class ReplayCommandTests
{
    private static readonly string[] Fields = ["id", "kind", "name", "account", "region", "time", "outcome", "severity", "rule", "exemption", "dedupKey", "actor", "subject", "sms", "reason"];

    private const string StopLogging = """{"version":"0","id":"ev-1","detail-type":"AWS API Call via CloudTrail","source":"aws.cloudtrail","account":"111122223333","time":"2026-10-01T10:00:00Z","region":"us-east-1","detail":{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice","accountId":"111122223333"},"eventTime":"2026-10-01T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0","requestParameters":{"name":"main"},"eventID":"e-1","recipientAccountId":"111122223333"}}""";

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Replay_WhenEventsFolderAsJsonl_ShouldEmitOneRecordPerEventWithExactlyTheContractFields()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", "events", "--format", "jsonl");

        Assert.True(exit == 0, stderr);
        var lines = Lines(stdout);
        Assert.True(lines.Count > 50, $"{lines.Count} records");
        Assert.All(lines, l => Assert.Equal(Fields, l.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(lines, l => l.GetProperty("outcome").GetString() == "alert");
        Assert.Contains(lines, l => l.GetProperty("outcome").GetString() == "ignored" && l.GetProperty("reason").GetString()!.Length > 0);
    }

    [Fact]
    public async Task Replay_WhenOneFileIsBroken_ShouldReportItProcessTheRestAndExit1()
    {
        var dir = CliProcess.TempDir();
        await File.WriteAllTextAsync(Path.Combine(dir, "a.json"), "{\"Records\":[{\"eventName\":");
        await File.WriteAllTextAsync(Path.Combine(dir, "b.jsonl"), StopLogging + "\nnot json\n" + StopLogging.Replace("ev-1", "ev-2", StringComparison.Ordinal) + "\n");

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", dir, "--format", "jsonl");

        Assert.Equal(1, exit);
        Assert.Contains("a.json:1: truncated JSON", stderr, StringComparison.Ordinal);
        Assert.Contains("b.jsonl:2: unexpected 'n'", stderr, StringComparison.Ordinal);
        var lines = Lines(stdout);
        Assert.Equal(["rejected", "alert", "rejected", "duplicate"], lines.Select(l => l.GetProperty("outcome").GetString()));
        Assert.Equal("ev-1", lines[1].GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(lines[1].GetProperty("rule").GetString()));
        Assert.Equal("alert", lines[1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Replay_WhenExemptionExpiresBeforeNow_ShouldAlertAndOtherwiseExempt()
    {
        var dir = CliProcess.TempDir();
        var config = Path.Combine(dir, "config");
        Directory.CreateDirectory(config);
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "risk-table.json"), Path.Combine(config, "risk-table.json"));
        await File.WriteAllTextAsync(Path.Combine(config, "exemptions.json"),
            """{"exemptions":[{"id":"ci-trail","reason":"CI recreates trails","owner":"platform","expires":"2026-12-01","action":"suppress","match":{"principalArns":"arn:aws:iam::111122223333:user/alice"}}]}""");
        await File.WriteAllTextAsync(Path.Combine(dir, "e.json"), StopLogging);

        // "expires" is the last day the exemption applies (UTC, inclusive).
        var before = Lines((await CliProcess.RunAsync("replay", Path.Combine(dir, "e.json"), "--format", "jsonl", "--config", config, "--now", "2026-12-01T23:59:00Z")).Stdout);
        var after = Lines((await CliProcess.RunAsync("replay", Path.Combine(dir, "e.json"), "--format", "jsonl", "--config", config, "--now", "2026-12-02T00:00:00Z")).Stdout);

        Assert.Equal("exempted", before[0].GetProperty("outcome").GetString());
        Assert.Equal("ci-trail", before[0].GetProperty("exemption").GetString());
        Assert.Equal("alert", after[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Replay_WhenTextFormat_ShouldPrintRowsAndSummary()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync("replay", "events/cloudtrail");

        Assert.Equal(0, exit);
        Assert.Contains("ALERT", stdout, StringComparison.Ordinal);
        Assert.Contains("alert, Critical", stdout, StringComparison.Ordinal);
        Assert.Contains("duplicate", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replay", "events", "--format", "xml")]
    [InlineData("replay")]
    [InlineData("replay", "events", "--now", "yesterday")]
    [InlineData("replay", "events", "--config", "/no/such/dir")]
    [InlineData("frobnicate")]
    public async Task Replay_WhenUsageOrConfigIsWrong_ShouldExit2WithMessage(params string[] args)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }
}
