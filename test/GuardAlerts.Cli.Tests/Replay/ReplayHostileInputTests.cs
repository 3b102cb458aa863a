using System.Text;
using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>
/// A few cases of the hostile-input catalogue (test/GuardAlerts.Core.Tests/HostileInput) through the real
/// guard-alerts replay process: exit code 1, a stderr line naming file and line, the next event still decided, and
/// nothing a user wrote forging a line on stderr or stdout.
/// </summary>
[Trait("Category", "Integration")]
public class ReplayHostileInputTests
{
    private const string Valid = """{"version":"0","id":"ev-ok","detail-type":"AWS API Call via CloudTrail","source":"aws.cloudtrail","account":"111122223333","time":"2026-10-01T10:00:00Z","region":"us-east-1","detail":{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice","accountId":"111122223333"},"eventTime":"2026-10-01T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0","requestParameters":{"name":"main"},"eventID":"e-ok","recipientAccountId":"111122223333"}}""";

    public static TheoryData<string, string> Cases => new()
    {
        { "truncated-json", Valid[..250] },
        { "invalid-utf8", "(bytes C3 28 inside a string, written below)" },
        { "nested-10000-deep", "{\"detail-type\":\"GuardDuty Finding\",\"detail\":" + new string('[', 10_000) + new string(']', 10_000) + "}" },
        { "duplicate-keys", Valid.Replace("\"eventName\":\"StopLogging\"", "\"eventName\":\"StopLogging\",\"eventName\":\"ListTrails\"", StringComparison.Ordinal) },
        { "crlf-nul-in-detail-type", Valid.Replace("AWS API Call via CloudTrail", "AWS API Call via CloudTrail\\r\\nevil.jsonl:9: forged\\u0000", StringComparison.Ordinal) },
        { "severity-out-of-range", Valid.Replace("AWS API Call via CloudTrail", "GuardDuty Finding", StringComparison.Ordinal).Replace("\"eventVersion\":\"1.08\"", "\"schemaVersion\":\"2.0\",\"id\":\"f-1\",\"type\":\"Recon:EC2/Portscan\",\"severity\":11", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Replay_WhenHostileLineBeforeAValidOne_ShouldExit1NameFileAndLineAndDecideTheValidOne(string name, string bad)
    {
        // Arrange: the bad value on line 2 (after a blank line), the valid event on line 3.
        var dir = CliProcess.TempDir();
        var file = Path.Combine(dir, name + ".jsonl");
        byte[] badBytes = name == "invalid-utf8" ? [.. Encoding.UTF8.GetBytes(Valid[..200]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(Valid[200..])] : Encoding.UTF8.GetBytes(bad);
        await File.WriteAllBytesAsync(file, [(byte)'\n', .. badBytes, (byte)'\n', .. Encoding.UTF8.GetBytes(Valid), (byte)'\n']);

        // Act
        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", file, "--format", "jsonl");

        // Assert
        Assert.True(exit == 1, $"exit {exit}\n{stderr}");
        var errorLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = Assert.Single(errorLines);
        Assert.StartsWith(file + ":2: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain(error.TrimEnd('\r'), c => char.IsControl(c));
        var records = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(["rejected", "alert"], records.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal("ev-ok", records[1].GetProperty("id").GetString());
        Assert.Equal("cloudtrail-logging-stopped", records[1].GetProperty("rule").GetString());
    }
}
