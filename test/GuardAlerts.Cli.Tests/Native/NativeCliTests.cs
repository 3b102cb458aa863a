using System.IO.Compression;
using System.Text;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Cli.Tests.Native;

/// <summary>
/// The Native AOT executable must behave exactly like the CLI on the JIT: same bytes on stdout and stderr, same exit
/// codes (trimming or AOT must not lose a code path: serialization, command-line parsing, console output).
/// </summary>
public class NativeCliTests(NativeCli native) : IClassFixture<NativeCli>
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    private async Task AssertSameAsJitAsync(params string[] args)
    {
        var jit = await CliProcess.RunAsync(null, NoEnvironment, args);
        var aot = await CliProcess.RunAsync(native.Executable, NoEnvironment, args);

        Assert.Equal(jit.ExitCode, aot.ExitCode);
        Assert.Equal(jit.Stdout, aot.Stdout);
        Assert.Equal(jit.Stderr, aot.Stderr);
    }

    [Fact]
    public async Task Replay_WhenSampleEventsAsJsonLines_ShouldWriteWhatTheJitCliWrites()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync(native.Executable, NoEnvironment, "replay", "events", "--format", "jsonl", "--now", "2026-10-18T00:00:00Z");

        Assert.Equal(0, exit);
        Assert.Equal(SampleEventCount(), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        await AssertSameAsJitAsync("replay", "events", "--format", "jsonl", "--now", "2026-10-18T00:00:00Z");
    }

    // One line per event: a file holds one event, a burst file an array of them.
    private static int SampleEventCount()
    {
        var count = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "events"), "*.json", SearchOption.AllDirectories))
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(file));
            count += document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
        }

        return count;
    }

    [Fact]
    public async Task Replay_WhenSampleEventsAsText_ShouldWriteWhatTheJitCliWrites() =>
        await AssertSameAsJitAsync("replay", "events", "--now", "2026-10-18T00:00:00Z");

    [Fact]
    public async Task Replay_WhenRandomRecordsPlainGzipAndJsonLines_ShouldWriteWhatTheJitCliWrites()
    {
        var dir = CliProcess.TempDir();
        var records = RandomRecords.Generate(seed: 7, count: 600).ToList();
        var complete = records.Where(r => r.EndsWith('}')).ToList();
        await File.WriteAllTextAsync(Path.Combine(dir, "a.json"), "{\"Records\":[" + string.Join(",", complete) + "]}");
        await File.WriteAllTextAsync(Path.Combine(dir, "b.jsonl"), string.Join("\n", records) + "\n");
        await using (var gzip = new GZipStream(File.Create(Path.Combine(dir, "c.json.gz")), CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("{\"Records\":[" + string.Join(",", complete) + "]}"));
        }

        // Exit code 1 (rejected and unreadable inputs among them) and the stderr lines must match too.
        await AssertSameAsJitAsync("replay", dir, "--format", "jsonl", "--now", "2026-10-18T00:00:00Z");
    }

    [Fact]
    public async Task Validate_WhenEmbeddedAndBrokenConfig_ShouldWriteWhatTheJitCliWrites()
    {
        await AssertSameAsJitAsync("validate");

        var broken = CliProcess.TempDir();
        await File.WriteAllTextAsync(Path.Combine(broken, "risk-table.json"), "{\"rules\":[{\"id\":\"x\"}]}");
        await File.WriteAllTextAsync(Path.Combine(broken, "exemptions.json"), "{\"exemptions\":[{\"id\":\"e\"}]}");
        await AssertSameAsJitAsync("validate", "--config", broken);
    }

    [Fact]
    public async Task Replay_WhenUnknownOption_ShouldFailLikeTheJitCli() =>
        await AssertSameAsJitAsync("replay", "events", "--format", "yaml");
}
