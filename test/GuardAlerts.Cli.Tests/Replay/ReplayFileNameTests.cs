using System.IO.Compression;
using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Replay;

/// <summary>
/// A file name is text the file system holds, not the user's words: a name with a line break or an ANSI escape
/// sequence must not forge a "file:line: error" line on stderr, rewrite the terminal, or reach a JSON Lines reason
/// raw. Every place a name is printed shows it escaped.
/// </summary>
[Trait("Category", "Integration")]
public class ReplayFileNameTests
{
    private const string Evil = "evil\nforged.json:9: all clear\u001b[2K\u001b[31m\u202E";

    private static void AssertClean(string output)
    {
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\u202E', output);
        Assert.DoesNotContain("\nforged.json", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("text")]
    public async Task Replay_WhenFileNamesHoldLineBreaksAndEscapes_ShouldPrintThemEscapedEverywhere(string format)
    {
        var dir = CliProcess.TempDir();
        await File.WriteAllTextAsync(Path.Combine(dir, Evil + "broken.json"), "{\"Records\":[{\"eventName\":\n");
        await File.WriteAllTextAsync(Path.Combine(dir, Evil + "rejected.json"), """{"eventName":"Stop\ud800Logging","eventTime":"2026-10-01T10:00:00Z","recipientAccountId":"111122223333"}""");
        await using (var gzip = new GZipStream(File.Create(Path.Combine(dir, Evil + "corrupt.json.gz")), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(new byte[4096]);
        }

        var bytes = await File.ReadAllBytesAsync(Path.Combine(dir, Evil + "corrupt.json.gz"));
        await File.WriteAllBytesAsync(Path.Combine(dir, Evil + "corrupt.json.gz"), bytes[..(bytes.Length / 2)].Concat(new byte[64]).ToArray());

        var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", dir, Path.Combine(dir, Evil + "missing.json"), "--format", format);

        Assert.Equal(1, exit);
        AssertClean(stdout);
        AssertClean(stderr);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, errors.Length);
        Assert.All(errors, e => Assert.Contains("evil\\nforged.json:9: all clear\\x1B[2K\\x1B[31m\\u202E", e, StringComparison.Ordinal));
        if (format == "jsonl")
        {
            var reasons = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString()!).ToList();
            Assert.Equal(3, reasons.Count);
            Assert.All(reasons, r => AssertClean(r));
            Assert.Equal(2, reasons.Count(r => r.Contains("evil\\nforged.json", StringComparison.Ordinal))); // the unreadable files
        }
    }

    [Fact]
    public async Task Replay_WhenConfigDirectoryNameHoldsEscapes_ShouldNameItEscaped()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync("replay", "events", "--config", Path.Combine(CliProcess.TempDir(), Evil));

        Assert.Equal(2, exit);
        AssertClean(stderr);
        Assert.Contains("evil\\nforged.json", stderr, StringComparison.Ordinal);
    }
}
