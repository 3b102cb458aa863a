using System.Buffers;
using GuardAlerts.Core.ReplayFastPath;

namespace GuardAlerts.Cli.Replay;

/// <summary>Renders the output line of a record the fast path skipped: the same bytes the full pipeline's line would be.</summary>
internal interface IUnmatchedRenderer
{
    void Render(in UnmatchedRecord record, IBufferWriter<byte> output);
}
