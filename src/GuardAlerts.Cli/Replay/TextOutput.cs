using GuardAlerts.Core;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Text;
using Spectre.Console;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// A line per event as it is decided (so long replays stream, one line each, never wrapped, grep-friendly), then a
/// summary table.
/// </summary>
internal sealed class TextOutput(TextWriter stdout, IAnsiConsole console) : IReplayOutput
{
    public void Decided(InputItem item, Decision d) => stdout.WriteLine(Format(d));

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => new TextLineRenderer();

    public void WriteRendered(ReadOnlySpan<byte> utf8) => stdout.Write(System.Text.Encoding.UTF8.GetString(utf8));

    /// <summary>The line for one decision (without the line break).</summary>
    public static string Format(Decision d)
    {
        var what = d.Alert?.Subject ?? $"{d.Name}: {d.Reason}";
        var time = d.Time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        var exemption = d.ExemptionId is null ? "" : $" [exemption {d.ExemptionId}]";
        return $"{d.Outcome.Name().ToUpperInvariant(),-9} {time}  {d.Severity?.Name() ?? "-",-13} {d.RuleId ?? "-",-40} {Clean(what)}{exemption}";
    }

    public void Unreadable(InputItem item) => stdout.WriteLine($"{"REJECTED",-9} {item.Position}: {Clean(item.Error ?? "")}");

    public void Finish(ReplaySummary s)
    {
        stdout.Flush();
        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Outcome").AddColumn(new TableColumn("Count").RightAligned());
        foreach (var severity in Enum.GetValues<Severity>().Reverse())
        {
            table.AddRow($"alert, {severity.Name()}", s.AlertsBySeverity[severity].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var outcome in new[] { Outcome.Exempted, Outcome.Duplicate, Outcome.Ignored, Outcome.Rejected })
        {
            table.AddRow(outcome.Name(), s.Outcomes[outcome].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]events[/]", s.Events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.Caption($"{s.Files} file(s)");
        console.Write(table);
    }

    private static string Clean(string text) => TextSanitizer.ToSingleLine(text, 240);
}
