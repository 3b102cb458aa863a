using System.Text.Json;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>One JSON object per input event, one per line, in input order.</summary>
internal sealed class JsonLinesOutput(Stream stdout) : IReplayOutput
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Utf8JsonWriter _writer = new(stdout, WriterOptions);

    /// <summary>The writer options of every line (the fast path's renderer uses the same).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Decided(InputItem item, Decision decision) => Write(RecordMapper.From(decision));

    public void Unreadable(InputItem item) => Write(RecordMapper.Unreadable(item));

    public void Finish(ReplaySummary summary) => stdout.Flush();

    public IUnmatchedRenderer CreateRenderer(AlertPipeline pipeline) => new JsonLinesRenderer(pipeline);

    public void WriteRendered(ReadOnlySpan<byte> utf8) => stdout.Write(utf8);

    private void Write(ReplayRecord record)
    {
        JsonSerializer.Serialize(_writer, record, CliJsonContext.Default.ReplayRecord);
        _writer.Flush();
        _writer.Reset();
        stdout.Write(NewLine);
    }
}
