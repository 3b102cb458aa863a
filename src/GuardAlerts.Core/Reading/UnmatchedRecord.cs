using System.Globalization;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Reading;

/// <summary>
/// A CloudTrail record whose eventName no risk-table rule covers, as found by <see cref="UnmatchedRecordFilter"/>: the
/// record's bytes and where its identifying fields are, so the "ignored" decision can be made without the full event
/// model. Every string field here was checked to be plain JSON text (no escapes), so its bytes are its value.
/// </summary>
public readonly ref struct UnmatchedRecord
{
    private readonly Range _id;
    private readonly Range _account;
    private readonly Range _region;
    private readonly Range _time;
    private readonly Range _identity;
    private readonly Range _userAgent;
    private readonly Range _sourceIp;
    private readonly Range _additionalData;
    private readonly bool _userAgentEscaped;
    private readonly bool _sourceIpEscaped;
    private readonly bool _timeCanonical;

    internal UnmatchedRecord(ReadOnlySpan<byte> value, string name, DateTimeOffset time, in RecordFields fields)
    {
        Value = value;
        Name = name;
        Time = time;
        _id = fields.EventId;
        _account = fields.Account;
        _region = fields.Region;
        _time = fields.Time;
        _identity = fields.Identity;
        _userAgent = fields.UserAgent;
        _sourceIp = fields.SourceIp;
        _additionalData = fields.AdditionalData;
        _userAgentEscaped = fields.UserAgentEscaped;
        _sourceIpEscaped = fields.SourceIpEscaped;
        _timeCanonical = fields.TimeCanonical;
    }

    /// <summary>The whole record, exactly as it appeared in the input.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>The eventName.</summary>
    public string Name { get; }

    /// <summary>The eventTime.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>eventTime as written when it is in CloudTrail's own form (yyyy-MM-ddTHH:mm:ssZ), else empty.</summary>
    public ReadOnlySpan<byte> CanonicalTimeUtf8 => _timeCanonical ? Value[_time] : default;

    /// <summary>eventID as written (plain JSON text); empty when the record has none.</summary>
    public ReadOnlySpan<byte> IdUtf8 => _id.Equals(default(Range)) ? default : Value[_id];

    /// <summary>recipientAccountId.</summary>
    public ReadOnlySpan<byte> AccountUtf8 => Value[_account];

    /// <summary>awsRegion; empty when absent.</summary>
    public ReadOnlySpan<byte> RegionUtf8 => Value[_region];

    /// <summary>Whether the record has an awsRegion.</summary>
    public bool HasRegion => !_region.Equals(default(Range));

    /// <summary>The userIdentity object's JSON; empty when absent.</summary>
    public ReadOnlySpan<byte> IdentityUtf8 => Value[_identity];

    /// <summary>The event id: eventID, or for records without one the same content hash the full parser uses.</summary>
    public string Id() => _id.Equals(default(Range)) ? CloudTrailParser.ContentId(Value) : Encoding.UTF8.GetString(Value[_id]);

    /// <summary>The account (recipientAccountId).</summary>
    public string Account => Encoding.UTF8.GetString(Value[_account]);

    /// <summary>The region, or null.</summary>
    public string? Region => HasRegion ? Encoding.UTF8.GetString(Value[_region]) : null;

    /// <summary>The actor, through the same attribution as the full pipeline (only the fields it reads are parsed).</summary>
    public Actor Attribute(ActorAttributor attributor)
    {
        using var identity = _identity.Equals(default(Range)) ? null : JsonDocument.Parse(Value[_identity].ToArray());
        using var data = _additionalData.Equals(default(Range)) ? null : JsonDocument.Parse(Value[_additionalData].ToArray());
        var record = new CloudTrailRecord
        {
            EventName = Name,
            EventTime = Time,
            UserIdentity = identity is null ? null : CloudTrailParser.ParseIdentity(identity.RootElement),
            RecipientAccountId = Account,
            AwsRegion = Region,
            UserAgent = Text(_userAgent, _userAgentEscaped),
            SourceIpAddress = Text(_sourceIp, _sourceIpEscaped),
            AdditionalEventData = data?.RootElement.Clone(),
        };
        return attributor.Attribute(new CloudTrailEvent { Id = Id(), Name = Name, Detail = default, Record = record });
    }

    private string? Text(Range range, bool escaped)
    {
        if (range.Equals(default(Range)))
        {
            return null;
        }

        if (!escaped)
        {
            return Encoding.UTF8.GetString(Value[range]);
        }

        // The range is the string's content: read it again with its quotes to decode the escapes.
        var reader = new Utf8JsonReader(Value[(range.Start.Value - 1)..(range.End.Value + 1)]);
        reader.Read();
        return reader.GetString();
    }

    /// <summary>The time as the replay prints it (yyyy-MM-ddTHH:mm:ssZ).</summary>
    public string TimeText() => Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
