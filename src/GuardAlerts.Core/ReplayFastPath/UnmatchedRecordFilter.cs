using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.ReplayFastPath;

/// <summary>
/// The replay's fast path. Most CloudTrail records are read-only or data-plane noise whose eventName no rule covers:
/// the full pipeline would only ignore them. This reads such a record once with <see cref="Utf8JsonReader"/> (no
/// JsonDocument, no event model), checks it as strictly as the full parser would (valid UTF-8 and JSON, depth, no
/// duplicate properties) and hands it to the sink. Anything else, or anything unusual, is left to the full parser, so
/// the fast path never decides differently: it only decides sooner.
/// </summary>
/// <remarks>
/// What it depends on, it asks: the risk table which eventNames and identity types a rule can match
/// (<see cref="RiskTable.CoversEventName"/>, <see cref="RiskTable.EveryCallIdentityTypes"/>); the CloudTrail parser
/// the names of the fields it reads (<see cref="CloudTrailFields"/>); the event parser the names that make a value an
/// envelope or a log file; attribution the identity types and eventNames whose actor is more than its userIdentity
/// (<see cref="CloudTrailActors.TypesNamedFromRequest"/>, <see cref="CloudTrailActors.NamesReadBeyondIdentity"/>).
/// </remarks>
public sealed class UnmatchedRecordFilter : IRecordSkipper
{
    /// <summary>Records larger than this go to the full parser (real records are a few KB).</summary>
    public const int MaxFastRecordBytes = 1024 * 1024;

    private const int MaxDepth = 64;
    private const int MaxInterned = 4096;

    // Objects with more names than this are checked for duplicates through a hash index instead of a scan.
    private const int SmallObject = 32;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    // The record's top-level names the filter reads, by length (the parser's spelling); a name of an envelope or a
    // log file means the value is not a bare record.
    private static readonly (byte[] Name, Field Field)[]?[] TopLevelNames = ByLength(
    [
        (CloudTrailFields.EventId, Field.EventId), (CloudTrailFields.EventName, Field.EventName), (CloudTrailFields.EventTime, Field.EventTime),
        (CloudTrailFields.AwsRegion, Field.Region), (CloudTrailFields.EventSource, Field.EventSource), (CloudTrailFields.UserIdentity, Field.Identity),
        (CloudTrailFields.RecipientAccountId, Field.Account), (CloudTrailFields.ErrorCode, Field.ErrorCode), (EventParser.LogFileRecords, Field.NotARecord),
        .. EventParser.EnvelopeNames.Select(n => (n, Field.NotARecord)),
    ]);

    private static readonly byte[] IdentityTypeName = Encoding.UTF8.GetBytes(CloudTrailFields.IdentityType);

    private readonly RiskTable _table;
    private readonly IUnmatchedRecordSink _sink;
    // userIdentity types the fast path leaves to the full pipeline: a rule covers every call of them (the root user),
    // or attribution names them from the request.
    private readonly byte[][] _fullParseTypes;
    // errorCodes a threshold rule counts whatever the eventName (AccessDenied): such a record may be counted.
    private readonly byte[][] _countedErrorCodes;
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    // Property names of the objects open at each depth, for the duplicate check: (packed bytes, offset, length).
    private readonly int[] _frameStart = new int[MaxDepth + 2];
    private readonly ulong[] _frameBloom = new ulong[MaxDepth + 2];
    private readonly long[] _frameId = new long[MaxDepth + 2];
    private readonly PropertyNameIndex _index = new(MaxDepth);
    private long _frames;
    private long _scanned;
    private ulong[] _keys = new ulong[256];
    private int[] _offsets = new int[256];
    private int[] _lengths = new int[256];

    /// <summary>Creates a filter for one input read in order; not thread-safe (use one per reader).</summary>
    public UnmatchedRecordFilter(RiskTable table, IUnmatchedRecordSink sink)
    {
        _table = table;
        _sink = sink;
        _fullParseTypes = [.. table.EveryCallIdentityTypes.Concat(CloudTrailActors.TypesNamedFromRequest).Select(t => Encoding.UTF8.GetBytes(t))];
        _countedErrorCodes = [.. table.ThresholdErrorCodes.Select(c => Encoding.UTF8.GetBytes(c))];
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Where skipped records go.</summary>
    public IUnmatchedRecordSink Sink => _sink;

    /// <inheritdoc />
    public bool NeedsDrain => _sink.NeedsDrain;

    /// <inheritdoc />
    public ValueTask DrainAsync(CancellationToken cancellationToken) => _sink.DrainAsync(cancellationToken);

    private enum Field : byte
    {
        None,
        EventId,
        EventName,
        EventSource,
        EventTime,
        Region,
        Account,
        Identity,
        IdentityType,
        ErrorCode,
        NotARecord,
    }

    /// <summary>
    /// Looks at the JSON object starting at <paramref name="data"/>[0]. <paramref name="isFinal"/>: no more bytes will
    /// follow. On <see cref="SkimStatus.Skipped"/>, <paramref name="consumed"/> is the object's length.
    /// </summary>
    public SkimStatus TrySkip(ReadOnlySpan<byte> data, bool isFinal, out int consumed)
    {
        consumed = 0;
        var fields = default(RecordFields);
        string? name = null;
        try
        {
            var reader = new Utf8JsonReader(data, isFinal, new JsonReaderState(ReaderOptions));
            if (!reader.Read())
            {
                return isFinal ? SkimStatus.FullParse : SkimStatus.NeedMore;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return SkimStatus.FullParse;
            }

            var names = 0;
            var depth = 0;
            _frameStart[0] = 0;
            _frameId[0] = ++_frames;
            var bloom = 0UL;
            var pending = Field.None;
            var identityDepth = -1;
            var identityStart = 0;
            while (true)
            {
                if (!reader.Read())
                {
                    return isFinal || data.Length > MaxFastRecordBytes ? SkimStatus.FullParse : SkimStatus.NeedMore;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        if (reader.ValueIsEscaped)
                        {
                            return SkimStatus.FullParse; // duplicate check compares raw bytes; let the full parser decode
                        }

                        var span = reader.ValueSpan;
                        var key = Pack(span);
                        if (names - _frameStart[depth] >= SmallObject)
                        {
                            // Past a few dozen names the filter below is saturated and a scan per name is quadratic.
                            if (_index.AddOrFind(data, span, key, depth, _frameId[depth], _frameStart[depth], names, new(_keys, _offsets, _lengths)))
                            {
                                return SkimStatus.FullParse;
                            }
                        }
                        else
                        {
                            var bit = 1UL << (int)((key * 0x9E3779B97F4A7C15UL) >> 58);
                            if ((bloom & bit) != 0 && IsDuplicate(data, span, key, _frameStart[depth], names))
                            {
                                return SkimStatus.FullParse; // the full parser rejects duplicate properties
                            }

                            bloom |= bit;
                        }

                        if (names == _keys.Length)
                        {
                            Grow();
                        }

                        _keys[names] = key;
                        _offsets[names] = (int)reader.TokenStartIndex + 1;
                        _lengths[names] = span.Length;
                        names++;
                        if (depth == 0)
                        {
                            pending = TopLevelField(span);
                            if (pending == Field.NotARecord)
                            {
                                return SkimStatus.FullParse; // an envelope, a log file or a nested Records: not a bare record
                            }
                        }
                        else if (depth == 1 && identityDepth == 1 && span.SequenceEqual(IdentityTypeName))
                        {
                            pending = Field.IdentityType;
                        }

                        continue;
                    }

                    case JsonTokenType.StartObject:
                        if (pending == Field.Identity)
                        {
                            identityDepth = depth + 1;
                            identityStart = (int)reader.TokenStartIndex;
                        }
                        else if (pending != Field.None)
                        {
                            return SkimStatus.FullParse;
                        }

                        pending = Field.None;
                        _frameBloom[depth] = bloom;
                        depth++;
                        _frameStart[depth] = names;
                        _frameId[depth] = ++_frames;
                        bloom = 0;
                        continue;

                    case JsonTokenType.EndObject:
                        if (depth == 0)
                        {
                            consumed = (int)reader.BytesConsumed;
                            break;
                        }

                        if (depth == identityDepth)
                        {
                            fields.Identity = identityStart..(int)reader.BytesConsumed;
                            identityDepth = -1;
                        }

                        names = _frameStart[depth];
                        depth--;
                        bloom = _frameBloom[depth];
                        continue;

                    case JsonTokenType.StartArray:
                        if (pending != Field.None)
                        {
                            return SkimStatus.FullParse;
                        }

                        continue;

                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && (pending != Field.None || LoneSurrogates.HasSurrogateEscape(reader.ValueSpan)))
                        {
                            // A field we read as bytes, or an escape the full parser would fail to decode ("\uD800").
                            return SkimStatus.FullParse;
                        }

                        if (pending != Field.None)
                        {
                            var value = (int)reader.TokenStartIndex + 1;
                            var range = value..(value + reader.ValueSpan.Length);
                            switch (pending)
                            {
                                case Field.EventId: fields.EventId = range; break;
                                case Field.EventName:
                                    // A name a rule covers goes to the full parser: stop reading this record now.
                                    fields.Name = range;
                                    name = InternName(reader.ValueSpan);
                                    if (name is null)
                                    {
                                        return SkimStatus.FullParse;
                                    }

                                    break;
                                case Field.EventTime: fields.Time = range; break;
                                case Field.Region: fields.Region = range; break;
                                case Field.Account: fields.Account = range; break;
                                case Field.IdentityType:
                                    // Attribution reads these types' principal from requestParameters, and a rule covering
                                    // every call of an identity (the root user) matches whatever the eventName: full parse.
                                    if (IsFullParseType(reader.ValueSpan))
                                    {
                                        return SkimStatus.FullParse;
                                    }

                                    break;
                                case Field.ErrorCode:
                                    if (AnyEquals(_countedErrorCodes, reader.ValueSpan))
                                    {
                                        return SkimStatus.FullParse;
                                    }

                                    break;
                                case Field.EventSource: break;
                                default: return SkimStatus.FullParse;
                            }

                            pending = Field.None;
                        }

                        continue;

                    case JsonTokenType.Null:
                        // JsonRead reads null as absent: fine for optional fields; the required ones are the full parser's to judge.
                        if (pending is Field.EventName or Field.EventTime or Field.Account)
                        {
                            return SkimStatus.FullParse;
                        }

                        pending = Field.None;
                        continue;

                    default:
                        // Numbers and booleans: only fine where we do not read the value as text.
                        if (pending is not (Field.None or Field.IdentityType))
                        {
                            return SkimStatus.FullParse;
                        }

                        pending = Field.None;
                        continue;
                }

                break;
            }
        }
        catch (JsonException)
        {
            return SkimStatus.FullParse; // the full parser reports it, with its position
        }

        var record = data[..consumed];
        if (fields.Name.Equals(default(Range)) || fields.Time.Equals(default(Range)) || fields.Account.Equals(default(Range))
            || !System.Text.Unicode.Utf8.IsValid(record))
        {
            return SkimStatus.FullParse;
        }

        if (name is null || TryParseTime(record[fields.Time], out fields.TimeCanonical) is not { } time)
        {
            return SkimStatus.FullParse;
        }

        _sink.Accept(new UnmatchedRecord(record, name, time, fields));
        return SkimStatus.Skipped;
    }

    private bool IsFullParseType(ReadOnlySpan<byte> type) => AnyEquals(_fullParseTypes, type);

    private static bool AnyEquals(byte[][] candidates, ReadOnlySpan<byte> value)
    {
        foreach (var candidate in candidates)
        {
            if (value.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static Field TopLevelField(ReadOnlySpan<byte> name)
    {
        if (name.Length < TopLevelNames.Length && TopLevelNames[name.Length] is { } candidates)
        {
            foreach (var (known, field) in candidates)
            {
                if (name.SequenceEqual(known))
                {
                    return field;
                }
            }
        }

        return Field.None;
    }

    private static (byte[] Name, Field Field)[]?[] ByLength(IEnumerable<(string Name, Field Field)> names)
    {
        var encoded = names.Select(n => (Name: Encoding.UTF8.GetBytes(n.Name), n.Field)).ToList();
        var byLength = new (byte[] Name, Field Field)[]?[encoded.Max(n => n.Name.Length) + 1];
        foreach (var group in encoded.GroupBy(n => n.Name.Length))
        {
            byLength[group.Key] = [.. group];
        }

        return byLength;
    }

    /// <summary>Up to 16 bytes of the name folded into 64 bits with its length: equal names give equal keys.</summary>
    private static ulong Pack(ReadOnlySpan<byte> name)
    {
        ulong head, tail;
        if (name.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(name);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]);
        }
        else
        {
            // Short names (type, arn, ...) are the most common: fold their bytes in without a padded copy.
            head = 0;
            for (var i = name.Length - 1; i >= 0; i--)
            {
                head = (head << 8) | name[i];
            }

            tail = 0;
        }

        return head ^ BitOperations.RotateLeft(tail, 29) ^ ((ulong)name.Length << 56);
    }

    /// <summary>Names compared while looking for duplicates (scans and index probes): the work tests bound.</summary>
    internal long NameComparisons => _scanned + _index.Comparisons;

    private bool IsDuplicate(ReadOnlySpan<byte> data, ReadOnlySpan<byte> name, ulong key, int from, int to)
    {
        _scanned += to - from;
        for (var i = from; i < to; i++)
        {
            if (_keys[i] == key && _lengths[i] == name.Length && data.Slice(_offsets[i], _lengths[i]).SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _offsets, _offsets.Length * 2);
        Array.Resize(ref _lengths, _lengths.Length * 2);
    }

    /// <summary>The eventName as a string when no rule covers it, else null (the full pipeline decides).</summary>
    private string? InternName(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > 128)
        {
            return null;
        }

        Span<char> chars = stackalloc char[128];
        var count = Encoding.UTF8.GetChars(utf8, chars);
        var key = chars[..count];
        if (_nameLookup.TryGetValue(key, out var known))
        {
            return known;
        }

        var name = new string(key);
        // ConsoleLogin and AssumeRoleWithSAML: attribution reads their additionalEventData and requestParameters.
        var fast = !string.IsNullOrWhiteSpace(name) && !_table.CoversEventName(name)
            && !CloudTrailActors.NamesReadBeyondIdentity.Contains(name, StringComparer.Ordinal);
        if (_names.Count < MaxInterned)
        {
            _names[name] = fast ? name : null;
        }

        return fast ? name : null;
    }

    /// <summary>CloudTrail's own form (2026-10-17T12:03:07Z) directly; any other text the way the full parser reads it.</summary>
    private static DateTimeOffset? TryParseTime(ReadOnlySpan<byte> text, out bool canonical)
    {
        canonical = false;
        if (text.Length == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z'
            && Digits(text, 0, 4) is var year and >= 1 && Digits(text, 5, 2) is var month and >= 1 and <= 12
            && Digits(text, 8, 2) is var day and >= 1 && day <= DateTime.DaysInMonth(year, month)
            && Digits(text, 11, 2) is var hour and >= 0 and <= 23 && Digits(text, 14, 2) is var minute and >= 0 and <= 59
            && Digits(text, 17, 2) is var second and >= 0 and <= 59)
        {
            canonical = true;
            return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        }

        return JsonRead.ParseTime(Encoding.UTF8.GetString(text));
    }

    private static int Digits(ReadOnlySpan<byte> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9)
            {
                return -1;
            }

            value = (value * 10) + d;
        }

        return value;
    }
}
