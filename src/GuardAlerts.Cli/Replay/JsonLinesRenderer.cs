using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// The JSON Lines line of a skipped record, written with the same record type and serializer as every other line.
/// What repeats from record to record is computed once: the cleaned name, account and region, the reason, and the
/// actor's description (which for these records depends only on userIdentity and recipientAccountId: attribution
/// reads requestParameters only for SAML and web-identity users and AssumeRoleWithSAML, which the fast path leaves
/// to the full pipeline). One renderer per reader: not thread-safe.
/// </summary>
internal sealed class JsonLinesRenderer(AlertPipeline pipeline) : IUnmatchedRenderer
{
    private const int MaxCached = 4096;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Dictionary<string, (string Name, string Reason)> _names = new(StringComparer.Ordinal);
    private readonly Utf8Cache _accounts = new(MaxCached);
    private readonly Utf8Cache _regions = new(MaxCached);
    private readonly Dictionary<ulong, (byte[] Key, string Description)> _actors = [];
    private Utf8JsonWriter? _writer;

    public void Render(in UnmatchedRecord record, IBufferWriter<byte> output)
    {
        if (!_names.TryGetValue(record.Name, out var name))
        {
            name = (Clean(record.Name), Clean(AlertPipeline.NoRuleReason(EventKind.CloudTrail, record.Name)));
            _names[record.Name] = name;
        }

        var time = record.CanonicalTimeUtf8;
        var line = new ReplayRecord(
            record.Id(),
            "cloudtrail",
            name.Name,
            _accounts.Get(record.AccountUtf8, Clean),
            record.HasRegion ? _regions.Get(record.RegionUtf8, Clean) : null,
            time.IsEmpty ? record.TimeText() : Encoding.ASCII.GetString(time),
            "ignored",
            null,
            null,
            null,
            null,
            Actor(record),
            null,
            null,
            name.Reason);

        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(output, JsonLinesOutput.WriterOptions);
        }
        else
        {
            _writer.Reset(output);
        }

        JsonSerializer.Serialize(_writer, line, CliJsonContext.Default.ReplayRecord);
        _writer.Flush();
        output.Write(NewLine);
    }

    private string Actor(in UnmatchedRecord record)
    {
        var identity = record.IdentityUtf8;
        var account = record.AccountUtf8;
        var hash = XxHash3.HashToUInt64(identity, unchecked((long)XxHash3.HashToUInt64(account)));
        if (_actors.TryGetValue(hash, out var cached) && Matches(cached.Key, identity, account))
        {
            return cached.Description;
        }

        var description = RecordMapper.Describe(pipeline.DecideUnmatched(record).Actor!);
        if (_actors.Count >= MaxCached)
        {
            _actors.Clear();
        }

        _actors[hash] = ([.. identity, 0, .. account], description);
        return description;
    }

    private static bool Matches(byte[] key, ReadOnlySpan<byte> identity, ReadOnlySpan<byte> account) =>
        key.Length == identity.Length + 1 + account.Length
        && key.AsSpan(0, identity.Length).SequenceEqual(identity)
        && key.AsSpan(identity.Length + 1).SequenceEqual(account);

    private static string Clean(string text) => TextSanitizer.ToSingleLine(text, 2048);
}
