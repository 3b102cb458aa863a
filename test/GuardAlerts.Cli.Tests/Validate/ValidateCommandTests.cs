using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Validate;

[Trait("Category", "Integration")]
public class ValidateCommandTests
{
    [Fact]
    public async Task Validate_WhenShippedConfig_ShouldExit0()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("validate", "--config", "config");

        Assert.True(exit == 0, stderr);
        Assert.Contains("rules", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenEntriesAreWrong_ShouldNameFileEntryAndFieldAndExit2()
    {
        var dir = CliProcess.TempDir();
        await File.WriteAllTextAsync(Path.Combine(dir, "risk-table.json"),
            """{"rules":[{"id":"x","kind":"cloudtrail","eventSource":"s","eventNames":["A"],"severity":"Huge","title":"t","why":"w","next":"n"}]}""");
        await File.WriteAllTextAsync(Path.Combine(dir, "exemptions.json"),
            """{"exemptions":[{"id":"stax","reason":"r","owner":"o","expires":"2030-01-01","action":"suppress","match":{"sessionNames":"StaxHelper"}}]}""");

        var (exit, _, stderr) = await CliProcess.RunAsync("validate", "--config", dir);

        Assert.Equal(2, exit);
        Assert.Contains("risk-table.json: error: entry 'x', field 'severity'", stderr, StringComparison.Ordinal);
        Assert.Contains("exemptions.json: error: entry 'stax', field 'match'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenExemptionExpiresWithin30Days_ShouldWarnAndExit0()
    {
        var dir = CliProcess.TempDir();
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "risk-table.json"), Path.Combine(dir, "risk-table.json"));
        var soon = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(dir, "exemptions.json"),
            "{\"exemptions\":[{\"id\":\"dev\",\"reason\":\"r\",\"owner\":\"o\",\"expires\":\"" + soon + "\",\"action\":\"downgrade\",\"match\":{\"accounts\":\"444455556666\"}}]}");

        var (exit, _, stderr) = await CliProcess.RunAsync("validate", "--config", dir);

        Assert.Equal(0, exit);
        Assert.Contains("warning: entry 'dev', field 'expires'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenExemptionsWouldBeBlindSpots_ShouldNameEachEntryAndFieldAndExit2()
    {
        var dir = CliProcess.TempDir();
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "risk-table.json"), Path.Combine(dir, "risk-table.json"));
        static string Entry(string id, string match) =>
            "{\"id\":\"" + id + "\",\"reason\":\"r\",\"owner\":\"o\",\"expires\":\"2030-01-01\",\"action\":\"suppress\",\"match\":" + match + "}";
        string[] entries =
        [
            Entry("all-events", """{"accounts":"111122223333","eventNames":"*"}"""),
            Entry("all-regions", """{"principalArns":"arn:aws:iam::111122223333:role/ci","regions":["us-east-1","*"]}"""),
            Entry("all-findings", """{"principalArns":"arn:aws:iam::111122223333:role/ci","findingTypes":"*:*/*"}"""),
            Entry("everyone-ip", """{"accounts":"111122223333","sourceIps":["0.0.0.0/1","128.0.0.0/1"]}"""),
            Entry("star-principal", """{"principalArns":"*","sessionNames":"StaxHelper"}"""),
            Entry("star-account", """{"accounts":"*","userAgents":"*Terraform*"}"""),
            Entry("any-account-role", """{"principalArns":"arn:aws:iam::*:role/Deployer"}"""),
            Entry("ip-only", """{"sourceIps":"10.0.0.0/8","eventNames":"StopLogging"}"""),
            Entry("session-arn", """{"principalArns":"arn:aws:sts::111122223333:assumed-role/Deployer/ci-run"}"""),
        ];
        await File.WriteAllTextAsync(Path.Combine(dir, "exemptions.json"), "{\"exemptions\":[" + string.Join(",", entries) + "]}");

        var (exit, _, stderr) = await CliProcess.RunAsync("validate", "--config", dir);

        Assert.Equal(2, exit);
        foreach (var (entry, field) in new[]
        {
            ("all-events", "match.eventNames"), ("all-regions", "match.regions"), ("all-findings", "match.findingTypes"), ("everyone-ip", "match.sourceIps"),
            ("star-principal", "match.principalArns"), ("star-principal", "match"), ("star-account", "match.accounts"), ("star-account", "match"),
            ("any-account-role", "match.principalArns"), ("ip-only", "match.sourceIps"), ("session-arn", "match.principalArns"),
        })
        {
            Assert.Contains($"exemptions.json: error: entry '{entry}', field '{field}'", stderr, StringComparison.Ordinal);
        }

        Assert.Contains("use arn:aws:iam::111122223333:role/Deployer", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenProvidersFileIsWrong_ShouldNameFileEntryAndFieldAndExit2()
    {
        var dir = CliProcess.TempDir();
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "risk-table.json"), Path.Combine(dir, "risk-table.json"));
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "exemptions.json"), Path.Combine(dir, "exemptions.json"));
        await File.WriteAllTextAsync(Path.Combine(dir, "providers.json"),
            """{"providers":[{"id":"stax","name":"Stax","accounts":["1111-2222-3333"],"automationRoles":["StaxHelper"]}]}""");

        var (exit, _, stderr) = await CliProcess.RunAsync("validate", "--config", dir);

        Assert.Equal(2, exit);
        Assert.Contains("providers.json: error: entry 'stax', field 'accounts'", stderr, StringComparison.Ordinal);
        Assert.Contains("providers.json: error: entry 'stax', field 'automationRoles'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_WhenNoProvidersFile_ShouldSaySoAndExit0()
    {
        var dir = CliProcess.TempDir();
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "risk-table.json"), Path.Combine(dir, "risk-table.json"));
        File.Copy(Path.Combine(CliProcess.RepoRoot, "config", "exemptions.json"), Path.Combine(dir, "exemptions.json"));

        var (exit, stdout, stderr) = await CliProcess.RunAsync("validate", "--config", dir);

        Assert.True(exit == 0, stderr);
        Assert.Contains("providers.json: absent (no managed-provider labels)", stdout, StringComparison.Ordinal);
    }
}
