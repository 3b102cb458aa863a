using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds.CloudTrail;

namespace GuardAlerts.Core.ReplayFastPath;

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

    /// <summary>
    /// The actor: the record read by the full pipeline's own parser and attributed by its own attribution, so the
    /// fast path cannot know less than they do (a failed call's unverified SAML provider, say). Renderers that print
    /// only the actor's description cache it per userIdentity.
    /// </summary>
    public Actor Attribute(ActorAttributor attributor)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Value.Length);
        try
        {
            Value.CopyTo(bytes);
            using var document = JsonDocument.Parse(bytes.AsMemory(0, Value.Length));
            var parsed = CloudTrailParser.Parse(document.RootElement, envelope: null, FieldRepairs.None);
            // The filter took only records the parser accepts (eventName, eventTime and account as plain text).
            return attributor.Attribute(parsed.Event ?? throw new InvalidOperationException($"the fast path took a record the parser rejects: {parsed.Rejection}"));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The time as the replay prints it (yyyy-MM-ddTHH:mm:ssZ).</summary>
    public string TimeText() => Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
