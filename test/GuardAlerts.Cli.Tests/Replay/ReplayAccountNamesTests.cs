using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>replay --account-names: the alert names the account as the functions' would; the JSON Lines contract keeps the id.</summary>
[Trait("Category", "Integration")]
public class ReplayAccountNamesTests
{
    private const string Now = "2026-11-01T00:00:00Z";
    private const string Sample = "events/cloudtrail/StopLogging.json";

    [Fact]
    public async Task Replay_WhenAccountNamesAreGiven_ShouldNameTheAccountInEveryPartOfTheEmailFormat()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", Sample, "--format", "email", "--now", Now, "--account-names", "111122223333=prod,444455556666=staging-eu");

        Assert.True(exit == 0, stderr);
        var parts = stdout.Split("--- ");
        Assert.Contains(parts, p => p.StartsWith("Subject", StringComparison.Ordinal) && p.Contains("111122223333 (prod)", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.StartsWith("SMS", StringComparison.Ordinal) && p.Contains("111122223333 (prod)", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.StartsWith("E-mail body", StringComparison.Ordinal) && p.Contains("Account:   111122223333 (prod)", StringComparison.Ordinal));
        Assert.Contains(parts, p => p.StartsWith("Chat", StringComparison.Ordinal) && p.Contains("`111122223333 (prod)`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_WhenAccountNamesAreGiven_ShouldKeepTheJsonLinesAccountAndDedupKeyAsTheyAre()
    {
        var plain = JsonDocument.Parse((await CliProcess.RunAsync("replay", Sample, "--format", "jsonl", "--now", Now)).Stdout).RootElement;

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", Sample, "--format", "jsonl", "--now", Now, "--account-names", "111122223333=prod");

        Assert.True(exit == 0, stderr);
        var named = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(plain.EnumerateObject().Select(p => p.Name), named.EnumerateObject().Select(p => p.Name));
        Assert.Equal("111122223333", named.GetProperty("account").GetString());
        Assert.Equal(plain.GetProperty("dedupKey").GetString(), named.GetProperty("dedupKey").GetString());
        Assert.Contains("111122223333 (prod)", named.GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("111122223333", "--account-names: '111122223333' is not account-id=name")]
    [InlineData("1111=prod", "--account-names: '1111=prod': the account id '1111' is not 12 digits")]
    [InlineData("111122223333=a,111122223333=b", "--account-names: '111122223333=b': account 111122223333 is named twice")]
    public async Task Replay_WhenAccountNamesAreMalformed_ShouldExit2NamingTheEntry(string names, string expected)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", Sample, "--account-names", names);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }
}
