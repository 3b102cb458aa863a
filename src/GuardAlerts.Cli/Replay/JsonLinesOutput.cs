using System.Text.Json;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>One JSON object per input event, one per line, in input order.</summary>
internal sealed class JsonLinesOutput(Stream stdout) : IReplayOutput
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Utf8JsonWriter _writer = new(stdout, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public void Decided(InputItem item, Decision decision) => Write(RecordMapper.From(decision));

    public void Unreadable(InputItem item) => Write(RecordMapper.Unreadable(item));

    public void Finish(ReplaySummary summary) => stdout.Flush();

    private void Write(ReplayRecord record)
    {
        JsonSerializer.Serialize(_writer, record, CliJsonContext.Default.ReplayRecord);
        _writer.Flush();
        _writer.Reset();
        stdout.Write(NewLine);
    }
}
