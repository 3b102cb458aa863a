using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Cli.Validate;

namespace GuardAlerts.Cli.Tests.Validate;

/// <summary>validate --events: the samples show every rule alerting and a near miss of it, and decide as their names say.</summary>
public class ValidateSamplesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private const string StopLoggingTable = """
        {"rules":[{"id":"trail-stopped","kind":"cloudtrail","eventSource":"cloudtrail.amazonaws.com","eventNames":["StopLogging"],
          "when":{"not":{"path":"errorCode","glob":"TrailNotFoundException"}},"severity":"High","title":"t","why":"w","next":"n",
          "mitre":{"tactics":["TA0005"],"techniques":["T1562.008"]}}]}
        """;

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? config, string events)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ValidateCommand.RunAsync(config, events, Now, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string Config(string riskTable)
    {
        var dir = CliProcess.TempDir();
        File.WriteAllText(Path.Combine(dir, "risk-table.json"), riskTable);
        File.WriteAllText(Path.Combine(dir, "exemptions.json"), """{"exemptions":[]}""");
        return dir;
    }

    private static string Events(params string[] samples)
    {
        var dir = CliProcess.TempDir();
        foreach (var sample in samples)
        {
            File.Copy(Path.Combine(CliProcess.RepoRoot, "events", "cloudtrail", sample), Path.Combine(dir, sample));
        }

        return dir;
    }

    [Fact]
    public async Task Validate_WhenShippedConfigAndSamples_ShouldFindEveryRuleCoveredAndExit0()
    {
        var (exit, stdout, stderr) = await RunAsync(Path.Combine(CliProcess.RepoRoot, "config"), Path.Combine(CliProcess.RepoRoot, "events"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("every rule has an alerting sample and a near miss", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenARuleHasNoNearMiss_ShouldNameTheRuleAndExit2()
    {
        var (exit, _, stderr) = await RunAsync(Config(StopLoggingTable), Events("StopLogging.json"));

        Assert.Equal(2, exit);
        Assert.Contains("error: rule 'trail-stopped': no ignored sample of StopLogging", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenEveryRuleIsShown_ShouldExit0()
    {
        var (exit, _, stderr) = await RunAsync(Config(StopLoggingTable), Events("StopLogging.json", "StopLogging-ignored-failed-trail-not-found.json"));

        Assert.True(exit == 0, stderr);
    }

    [Fact]
    public async Task Validate_WhenASampleDecidesAgainstItsName_ShouldNameTheFile()
    {
        // Without the table's exclusion of TrailNotFoundException the "ignored" sample alerts (lowered to Medium).
        var loose = StopLoggingTable.Replace("\"when\":{\"not\":{\"path\":\"errorCode\",\"glob\":\"TrailNotFoundException\"}},", "", StringComparison.Ordinal);

        var (exit, _, stderr) = await RunAsync(Config(loose), Events("StopLogging.json", "StopLogging-ignored-failed-trail-not-found.json"));

        Assert.Equal(2, exit);
        Assert.Contains("StopLogging-ignored-failed-trail-not-found.json: its name promises Ignored, the policy decides Alert", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenARuleHasNoMitreMapping_ShouldWarnAndStillLoad()
    {
        var unmapped = StopLoggingTable.Replace(",\n  \"mitre\":{\"tactics\":[\"TA0005\"],\"techniques\":[\"T1562.008\"]}", "", StringComparison.Ordinal)
            .Replace(",\"mitre\":{\"tactics\":[\"TA0005\"],\"techniques\":[\"T1562.008\"]}", "", StringComparison.Ordinal);
        Assert.DoesNotContain("mitre", unmapped, StringComparison.Ordinal);

        var (exit, _, stderr) = await RunAsync(Config(unmapped), Events("StopLogging.json", "StopLogging-ignored-failed-trail-not-found.json"));

        Assert.True(exit == 0, stderr);
        Assert.Contains("warning: entry 'trail-stopped', field 'mitre'", stderr, StringComparison.Ordinal);
    }
}
