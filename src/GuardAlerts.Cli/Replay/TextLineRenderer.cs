using System.Buffers;
using System.Text;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Cli.Replay;

/// <summary>The text line of a skipped record: the pipeline's decision for it, formatted like every other line.</summary>
internal sealed class TextLineRenderer(AlertPipeline pipeline) : IUnmatchedRenderer
{
    public void Render(in UnmatchedRecord record, IBufferWriter<byte> output)
    {
        var line = TextOutput.Format(pipeline.DecideUnmatched(record)) + Environment.NewLine;
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length));
        output.Advance(Encoding.UTF8.GetBytes(line, span));
    }
}
