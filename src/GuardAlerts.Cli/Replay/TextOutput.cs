using GuardAlerts.Core;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Text;
using Spectre.Console;

namespace GuardAlerts.Cli.Replay;

/// <summary>A readable line per event as it is decided (so long replays stream), then a summary table.</summary>
internal sealed class TextOutput(IAnsiConsole console) : IReplayOutput
{
    public void Decided(InputItem item, Decision d)
    {
        var outcome = d.Outcome.Name().ToUpperInvariant();
        var color = d.Outcome switch
        {
            Outcome.Alert => d.Severity >= Severity.High ? "red" : "yellow",
            Outcome.Rejected => "magenta",
            _ => "grey",
        };
        var what = d.Alert?.Subject ?? $"{d.Name} - {d.Reason}";
        var time = d.Time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        var exemption = d.ExemptionId is null ? "" : $" exemption={d.ExemptionId}";
        console.MarkupLine(
            $"[{color}]{outcome,-9}[/] {Markup.Escape(time)}  {Markup.Escape(d.Severity?.Name() ?? "-"),-13} {Markup.Escape(d.RuleId ?? "-"),-34} {Markup.Escape(Clean(what))}{Markup.Escape(exemption)}");
        if (d.Outcome is Outcome.Duplicate && d.SeenCount is { } seen)
        {
            console.MarkupLine($"          [grey]{Markup.Escape(d.DedupKey ?? "")} seen {seen} times[/]");
        }
    }

    public void Unreadable(InputItem item) =>
        console.MarkupLine($"[magenta]REJECTED [/] {Markup.Escape(item.Position)}: {Markup.Escape(Clean(item.Error ?? ""))}");

    public void Finish(ReplaySummary s)
    {
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

    private static string Clean(string text) => TextSanitizer.ToSingleLine(text, 160);
}
