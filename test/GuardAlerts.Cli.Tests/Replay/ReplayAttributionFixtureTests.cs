using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>
/// Replays test/data/decisions through the CLI: labels come only from what AWS sets and the accounts
/// providers.json names, a caller from another account is shown as such, and non-API records are not decided as the
/// call they name.
/// </summary>
[Trait("Category", "Integration")]
public class ReplayAttributionFixtureTests
{
    private static readonly string StaxClaims = Path.Combine("test", "data", "decisions", "stax-claims.json");

    [Fact]
    public async Task Replay_WhenProvidersSetUp_ShouldLabelOnlyTheConfiguredRoleAndKeepEveryAlert()
    {
        var config = ConfigWithProviders();

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", StaxClaims, "--format", "jsonl", "--config", config);

        Assert.True(exit == 0, stderr);
        var lines = Lines(stdout);
        Assert.All(lines, l => Assert.Equal(("alert", "High"), (l.GetProperty("outcome").GetString(), l.GetProperty("severity").GetString())));
        Assert.EndsWith("[Stax automation (role staxid-helper-role)]", Actor(lines[0]), StringComparison.Ordinal);
        Assert.EndsWith("[claims to be Stax automation (session name StaxHelper); UNVERIFIED: role ci-deployer in account 111122223333 is not a Stax automation role in config/providers.json]",
            Actor(lines[1]), StringComparison.Ordinal);
        Assert.Contains("[claims to be a Stax engineer session (role staxid-admin-role", Actor(lines[2]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WhenNoAccountsAreSetUp_ShouldOnlyReportClaims()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", StaxClaims, "--format", "jsonl");

        Assert.True(exit == 0, stderr);
        Assert.All(Lines(stdout), l => Assert.Contains("[claims to be ", Actor(l), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_WhenCallerIsFromAnotherAccount_ShouldSaySoInSubjectAndSms()
    {
        var (_, stdout, _) = await CliProcess.RunAsync("replay", StaxClaims, "--format", "jsonl");

        var foreign = Lines(stdout)[2];
        // The trail stays; the session, the region and (in the subject) the role give way, each leaving "...";
        // the other account never does.
        Assert.Equal("High: CloudTrail logging stopped: org-audit-trail - 111122223333 ... - from account 444455556666", foreign.GetProperty("subject").GetString());
        Assert.Equal("High: CloudTrail logging stopped: org-audit-trail. 111122223333 ... 10-08 09:10Z. role staxid-admin-role (...) from account 444455556666", foreign.GetProperty("sms").GetString());
    }

    [Fact]
    public async Task Replay_WhenVpcEndpointRecordNamesStopLogging_ShouldIgnoreItWithItsTypeAsReason()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", Path.Combine("test", "data", "decisions", "vpce-network-activity.json"), "--format", "jsonl");

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(Lines(stdout));
        Assert.Equal("ignored", line.GetProperty("outcome").GetString());
        Assert.StartsWith("CloudTrail eventType 'AwsVpceEvent': a VPC endpoint network-activity record about 'StopLogging'", line.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static string ConfigWithProviders()
    {
        var config = CliProcess.TempDir();
        foreach (var file in new[] { "risk-table.json", "exemptions.json" })
        {
            File.Copy(Path.Combine(CliProcess.RepoRoot, "config", file), Path.Combine(config, file));
        }

        File.Copy(Path.Combine(CliProcess.RepoRoot, "test", "data", "providers", "providers.json"), Path.Combine(config, "providers.json"));
        return config;
    }

    private static string Actor(JsonElement line) => line.GetProperty("actor").GetString()!;

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
