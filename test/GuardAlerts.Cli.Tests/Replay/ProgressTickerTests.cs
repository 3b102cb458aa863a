using System.Text.RegularExpressions;
using GuardAlerts.Cli.Replay;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Testing;
using Spectre.Console;

namespace GuardAlerts.Cli.Tests.Replay;

public partial class ProgressTickerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Line_WhenPartRead_ShouldShowBytesOfTotalPercentageAndTimeLeft()
    {
        var summary = new ReplaySummary();

        var line = ProgressTicker.Line(25L * 1024 * 1024, 100L * 1024 * 1024, TimeSpan.FromSeconds(30), summary);

        Assert.Equal("25.0 MB of 100.0 MB (25%), 0 events, 0 alerts, about 1 min 30 s left", line);
    }

    [Fact]
    public async Task Replay_WhenStdoutAndStderrShareATerminal_ShouldNeverDrawProgressInsideAnOutputLine()
    {
        // One writer stands for the terminal both streams write to; progress is drawn on every decision.
        using var terminal = new StringWriter();
        var files = Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "events"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var progress = new ProgressTicker(terminal, InputFiles.TotalBytes(files), terminal.Flush, TimeSpan.Zero);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        IReplayOutput output = new ProgressAwareOutput(new TextOutput(terminal, console), progress);
        var pipeline = new AlertPipeline(PolicyLoader.LoadEmbedded(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FixedTimeProvider(Now));

        await new ReplayRunner(pipeline, output, terminal, progress, parallelism: 2).RunAsync(files, CancellationToken.None);

        var text = terminal.ToString();
        var draws = Progress().Matches(text);
        Assert.True(draws.Count > 10, $"{draws.Count} progress lines drawn");
        foreach (Match draw in draws)
        {
            // Drawn at the start of a line (or over the previous progress line), and erased before anything else.
            var before = text[..draw.Index];
            Assert.True(before.Length == 0 || before.EndsWith('\n') || before.EndsWith(" left", StringComparison.Ordinal) || before.EndsWith("\r\u001b[K", StringComparison.Ordinal),
                $"progress drawn after '{before[Math.Max(0, before.Length - 40)..]}'");
            Assert.StartsWith("\r\u001b[K", text[(draw.Index + draw.Length)..], StringComparison.Ordinal);
        }

        Assert.Contains($"of {ProgressTicker.Line(0, InputFiles.TotalBytes(files), TimeSpan.Zero, new ReplaySummary()).Split(" of ")[1].Split(' ')[0]}", draws[^1].Value, StringComparison.Ordinal);
        Assert.Contains("(100%)", draws[^1].Value, StringComparison.Ordinal);
    }

    // "\r ESC[K" and the progress text up to the next control character.
    [GeneratedRegex("\r\u001b\\[K[0-9][^\r\n\u001b]* left")]
    private static partial Regex Progress();
}
