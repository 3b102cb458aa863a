using System.Buffers;
using System.Text;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.ReplayFastPath;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// The text line of a skipped record, formatted like every other line from the fields of the pipeline's decision
/// that the line shows (outcome, time, name, reason). The actor is not on the line, and attributing it would cost a
/// parse of the record, so it is left out; tests check the line against the full pipeline's byte for byte.
/// </summary>
internal sealed class TextLineRenderer : IUnmatchedRenderer
{
    public void Render(in UnmatchedRecord record, IBufferWriter<byte> output)
    {
        var decision = new Decision
        {
            Outcome = Outcome.Ignored,
            Name = record.Name,
            Time = record.Time,
            Reason = CloudTrailKind.Instance.NoRuleReason(record.Name),
        };
        var line = TextOutput.Format(decision) + Environment.NewLine;
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length));
        output.Advance(Encoding.UTF8.GetBytes(line, span));
    }
}
