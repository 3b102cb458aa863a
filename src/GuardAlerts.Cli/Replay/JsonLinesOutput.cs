using System.Text.Json;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// One JSON object per input event, one per line, in input order: the decision's wire fields (<see cref="DecisionWire"/>:
/// id, kind, name, account, region, time, outcome, severity, rule, exemption, dedupKey, actor, subject, sms, reason).
/// </summary>
internal sealed class JsonLinesOutput(Stream stdout) : IReplayOutput
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Utf8JsonWriter _writer = new(stdout, WriterOptions);

    /// <summary>The writer options of every line (the fast path's renderer uses the same).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Decided(InputItem item, Decision decision)
    {
        _writer.WriteStartObject();
        DecisionWire.WriteFields(_writer, decision);
        EndLine();
    }

    public void Unreadable(InputItem item)
    {
        _writer.WriteStartObject();
        DecisionWire.WriteFields(_writer, Unreadable($"{item.Error} at {item.Position}"));
        EndLine();
    }

    public void Finish(ReplaySummary summary) => stdout.Flush();

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => new JsonLinesRenderer(pipeline);

    public void WriteRendered(ReadOnlySpan<byte> utf8) => stdout.Write(utf8);

    /// <summary>The line of an input that never became a decision: rejected, with where and why.</summary>
    private static DecisionWire.Values Unreadable(string reason) =>
        new(null, null, null, null, null, null, Outcome.Rejected.Name(), null, null, null, null, null, null, null, reason);

    private void EndLine()
    {
        _writer.WriteEndObject();
        _writer.Flush();
        _writer.Reset();
        stdout.Write(NewLine);
    }
}
