using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.ReplayFastPath;

namespace GuardAlerts.Cli.Replay;

/// <summary>
/// The JSON Lines line of a skipped record: the same bytes <see cref="JsonLinesOutput"/> writes for the full
/// pipeline's decision. The line's layout is the wire format's own (<see cref="DecisionWire"/>), written once with a
/// marker in each field that varies and cut at the markers; what varies is encoded by the same encoder as every
/// other line: the name and reason per eventName, account and region per value, the actor's description per distinct
/// userIdentity (its name, type, principal ARN and label depend for these records only on userIdentity and
/// recipientAccountId: attribution declares the identity types and eventNames it reads more for, and the fast path
/// leaves those to the full pipeline), and the id and time per record (copied as they are when the encoder would not
/// change them).
/// One renderer per reader: not thread-safe.
/// </summary>
internal sealed class JsonLinesRenderer(AlertPipeline pipeline) : IUnmatchedRenderer
{
    private const int MaxCached = 4096;

    // The fields of an "ignored" CloudTrail line that vary, in wire order; the bytes around them come from Layout.
    private const int IdSlot = 0, NameSlot = 1, AccountSlot = 2, RegionSlot = 3, TimeSlot = 4, ActorSlot = 5, ReasonSlot = 6, Slots = 7;

    private static readonly byte[][] Between = Layout();
    private static readonly byte[] Null = "null"u8.ToArray();

    /// <summary>Bytes the line encoder writes as they are (printable ASCII, decided by asking the encoder itself, once).</summary>
    private static readonly SearchValues<byte> Unchanged = SearchValues.Create(BytesTheEncoderLeavesAlone());

    private readonly Dictionary<string, (byte[] Name, byte[] Reason)> _names = new(StringComparer.Ordinal);
    private readonly EncodedCache _accounts = new(MaxCached);
    private readonly EncodedCache _regions = new(MaxCached);
    private readonly Dictionary<ulong, (byte[] Key, byte[] Description)> _actors = [];

    public void Render(in UnmatchedRecord record, IBufferWriter<byte> output)
    {
        if (!_names.TryGetValue(record.Name, out var name))
        {
            name = (Encode(DecisionWire.Clean(record.Name)!), Encode(DecisionWire.Clean(CloudTrailKind.Instance.NoRuleReason(record.Name))!));
            _names[record.Name] = name;
        }

        Write(output, Between[IdSlot]);
        if (record.IdUtf8 is { IsEmpty: false } id)
        {
            WriteString(output, id);
        }
        else
        {
            Write(output, Encode(record.Id()));
        }

        Write(output, Between[NameSlot]);
        Write(output, name.Name);
        Write(output, Between[AccountSlot]);
        Write(output, _accounts.Get(record.AccountUtf8));
        Write(output, Between[RegionSlot]);
        Write(output, record.HasRegion ? _regions.Get(record.RegionUtf8) : Null);
        Write(output, Between[TimeSlot]);
        if (record.CanonicalTimeUtf8 is { IsEmpty: false } time)
        {
            WriteString(output, time);
        }
        else
        {
            Write(output, Encode(record.TimeText()));
        }

        Write(output, Between[ActorSlot]);
        Write(output, Actor(record));
        Write(output, Between[ReasonSlot]);
        Write(output, name.Reason);
        Write(output, Between[Slots]);
    }

    private byte[] Actor(in UnmatchedRecord record)
    {
        var identity = record.IdentityUtf8;
        var account = record.AccountUtf8;
        var hash = XxHash3.HashToUInt64(identity, unchecked((long)XxHash3.HashToUInt64(account)));
        if (_actors.TryGetValue(hash, out var cached) && Matches(cached.Key, identity, account))
        {
            return cached.Description;
        }

        var description = Encode(DecisionWire.Describe(pipeline.DecideUnmatched(record).Actor!));
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

    /// <summary>
    /// The constant bytes of an "ignored" CloudTrail line around its varying fields: the line the wire writer writes
    /// with a marker in each varying field, cut at the markers (the last part ends the line).
    /// </summary>
    private static byte[][] Layout()
    {
        static string Marker(int slot) => $"@{slot}@";
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonLinesOutput.WriterOptions))
        {
            writer.WriteStartObject();
            DecisionWire.WriteFields(writer, new DecisionWire.Values(
                Marker(IdSlot), CloudTrailKind.Instance.Name, Marker(NameSlot), Marker(AccountSlot), Marker(RegionSlot), Marker(TimeSlot),
                Outcome.Ignored.Name(), null, null, null, null, Marker(ActorSlot), null, null, Marker(ReasonSlot)));
            writer.WriteEndObject();
        }

        var line = buffer.WrittenSpan.ToArray().Concat("\n"u8.ToArray()).ToArray();
        var parts = new byte[Slots + 1][];
        var start = 0;
        for (var slot = 0; slot < Slots; slot++)
        {
            var marker = Encoding.UTF8.GetBytes($"\"{Marker(slot)}\"");
            var at = line.AsSpan(start).IndexOf(marker);
            parts[slot] = line[start..(start + at)];
            start += at + marker.Length;
        }

        parts[Slots] = line[start..];
        return parts;
    }

    /// <summary>A JSON string value from raw UTF-8 text (no escapes in it): copied when the encoder would not change it.</summary>
    private static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAnyExcept(Unchanged) >= 0)
        {
            Write(output, Encode(Encoding.UTF8.GetString(utf8)));
            return;
        }

        var span = output.GetSpan(utf8.Length + 2);
        span[0] = (byte)'"';
        utf8.CopyTo(span[1..]);
        span[utf8.Length + 1] = (byte)'"';
        output.Advance(utf8.Length + 2);
    }

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        output.Advance(bytes.Length);
    }

    /// <summary>A string as the line writer writes it: quoted and escaped by <see cref="JsonLinesOutput.WriterOptions"/>.</summary>
    internal static byte[] Encode(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, JsonLinesOutput.WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The printable ASCII bytes the encoder writes as they are (a quoted one-character string of 3 bytes).</summary>
    private static byte[] BytesTheEncoderLeavesAlone()
    {
        var unchanged = new List<byte>();
        for (var b = 0x20; b <= 0x7E; b++)
        {
            if (Encode(((char)b).ToString()).Length == 3)
            {
                unchanged.Add((byte)b);
            }
        }

        return [.. unchanged];
    }

    /// <summary>Encoded JSON values of short UTF-8 text that repeats (accounts, regions), cleaned like every line's.</summary>
    private sealed class EncodedCache(int capacity)
    {
        private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
        private byte[] _lastKey = [];
        private byte[] _last = [];

        public byte[] Get(ReadOnlySpan<byte> utf8)
        {
            // Consecutive records mostly share the value: compare with the last one before any lookup.
            if (_last.Length > 0 && utf8.SequenceEqual(_lastKey))
            {
                return _last;
            }

            var text = Encoding.UTF8.GetString(utf8);
            if (!_values.TryGetValue(text, out var value))
            {
                value = Encode(DecisionWire.Clean(text)!);
                if (_values.Count >= capacity)
                {
                    _values.Clear();
                }

                _values[text] = value;
            }

            _lastKey = utf8.ToArray();
            _last = value;
            return value;
        }
    }
}
