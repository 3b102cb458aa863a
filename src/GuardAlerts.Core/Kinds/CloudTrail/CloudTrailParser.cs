using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>Maps a CloudTrail record (EventBridge detail or log-file record) to <see cref="CloudTrailEvent"/>.</summary>
internal static class CloudTrailParser
{
    // The record's fields, read in one pass (JsonFields); the indexes below follow this order.
    private static readonly JsonFields RecordFields = new(
        CloudTrailFields.EventId, CloudTrailFields.RecipientAccountId, CloudTrailFields.AwsRegion, CloudTrailFields.UserIdentity,
        CloudTrailFields.EventName, CloudTrailFields.EventSource, CloudTrailFields.EventTime, "eventVersion",
        "sourceIPAddress", "userAgent", "requestParameters", "responseElements", "additionalEventData", "errorCode", "errorMessage",
        "readOnly", "eventType", "sessionCredentialFromConsole");

    private const int EventId = 0, RecipientAccountId = 1, AwsRegion = 2, UserIdentityField = 3, EventName = 4, EventSource = 5,
        EventTime = 6, EventVersion = 7, SourceIpAddress = 8, UserAgent = 9, RequestParameters = 10, ResponseElements = 11,
        AdditionalEventData = 12, ErrorCode = 13, ErrorMessage = 14, ReadOnly = 15, EventType = 16,
        SessionCredentialFromConsole = 17;

    private static readonly JsonFields IdentityFields = new(
        "sessionContext", "onBehalfOf", CloudTrailFields.IdentityType, "principalId", "arn", "accountId", "accessKeyId", "userName", "invokedBy", "identityProvider");

    private const int SessionContext = 0, OnBehalfOf = 1, Type = 2, PrincipalId = 3, Arn = 4, AccountId = 5, AccessKeyId = 6,
        UserName = 7, InvokedBy = 8, IdentityProvider = 9;

    // Fields that decide which event this is and which rule matches it: AWS writes them, never with invalid text, so
    // a record that has some is rejected rather than matched as something else.
    private static readonly string[] NeverRepaired = ["eventName", "eventSource", "eventID", "eventTime"];

    // What attribution and the exemption list read: a repaired value here could make an actor look like an exempted
    // one (a pinned ARN glob, an account, a SAML provider), so no exemption applies to the event. Not userAgent: the
    // caller writes all of it, so a repaired one says nothing they could not send as it is, and it never exempts alone.
    private static readonly string[] ActorFields =
    [
        "userIdentity", "recipientAccountId", "awsRegion", "sourceIPAddress", "additionalEventData",
        "requestParameters.roleArn", "requestParameters.principalArn", "requestParameters.roleSessionName",
        "requestParameters.principalTags", "responseElements.principalTags",
    ];

    public static ParsedEvent Parse(JsonElement detail, Envelope? envelope, FieldRepairs repairs)
    {
        var values = new JsonValues();
        Span<JsonElement> f = values;
        RecordFields.Read(detail, f);
        var eventId = JsonRead.Str(f[EventId]);
        var id = envelope?.Id ?? eventId;
        var recipientAccountId = JsonRead.Str(f[RecipientAccountId]);
        var account = recipientAccountId ?? envelope?.Account;
        var region = JsonRead.Str(f[AwsRegion]) ?? envelope?.Region;
        var identity = JsonRead.Obj(f[UserIdentityField]) is { } ui ? ParseIdentity(ui) : null;
        account ??= identity?.AccountId;

        var nameValue = JsonRead.Present(f[EventName]);
        if (nameValue is not { ValueKind: JsonValueKind.String } || string.IsNullOrWhiteSpace(nameValue.Value.GetString()))
        {
            var problem = nameValue is null ? "eventName is missing" : $"eventName must be a non-empty string, got {EventParser.Describe(nameValue.Value.ValueKind)}";
            return ParsedEvent.Rejected(problem, id, EventKind.CloudTrail, account: account, region: region);
        }

        var name = nameValue.Value.GetString()!;
        if (repairs.FirstOf(NeverRepaired) is { } field)
        {
            return ParsedEvent.Rejected(FieldRepairs.NeverRepairedReason(field), id, EventKind.CloudTrail, name, account, region);
        }

        if (JsonRead.Present(f[EventSource]) is { } source && source.ValueKind != JsonValueKind.String)
        {
            return ParsedEvent.Rejected($"eventSource must be a string, got {EventParser.Describe(source.ValueKind)}", id, EventKind.CloudTrail, name, account, region);
        }

        // Documentation samples and hand-made records omit eventID; a content hash keeps redelivery dedup working.
        id ??= ContentId(detail);

        var time = JsonRead.Time(f[EventTime]) ?? envelope?.Time;
        if (time is null)
        {
            return ParsedEvent.Rejected("eventTime is missing or not a timestamp", id, EventKind.CloudTrail, name, account, region);
        }

        var record = new CloudTrailRecord
        {
            EventVersion = JsonRead.Str(f[EventVersion]),
            EventId = eventId,
            EventTime = time,
            EventSource = JsonRead.Str(f[EventSource]),
            EventName = name,
            AwsRegion = region,
            SourceIpAddress = JsonRead.Str(f[SourceIpAddress]),
            UserAgent = JsonRead.Str(f[UserAgent]),
            UserIdentity = identity,
            RequestParameters = JsonRead.Obj(f[RequestParameters]),
            ResponseElements = JsonRead.Obj(f[ResponseElements]),
            AdditionalEventData = JsonRead.Obj(f[AdditionalEventData]),
            ErrorCode = JsonRead.Str(f[ErrorCode]),
            ErrorMessage = JsonRead.Str(f[ErrorMessage]),
            RecipientAccountId = recipientAccountId,
            ReadOnly = JsonRead.Bool(f[ReadOnly]),
            EventType = JsonRead.Str(f[EventType]),
            SessionCredentialFromConsole = JsonRead.Bool(f[SessionCredentialFromConsole]),
        };

        return ParsedEvent.Of(new CloudTrailEvent
        {
            Id = id,
            EnvelopeId = envelope?.Id,
            Name = name,
            Account = account,
            Region = region,
            Time = time,
            Detail = detail,
            Record = record,
            RepairedText = repairs.Result(ActorFields),
        });
    }

    internal static UserIdentity ParseIdentity(JsonElement ui)
    {
        var values = new JsonValues();
        Span<JsonElement> f = values;
        IdentityFields.Read(ui, f);
        var context = JsonRead.Obj(f[SessionContext]);
        var issuer = context is { } c ? JsonRead.Obj(c, "sessionIssuer") : null;
        var attributes = context is { } c2 ? JsonRead.Obj(c2, "attributes") : null;
        var onBehalfOf = JsonRead.Obj(f[OnBehalfOf]);
        return new UserIdentity
        {
            Type = JsonRead.Str(f[Type]),
            PrincipalId = JsonRead.Str(f[PrincipalId]),
            Arn = NullIfEmpty(JsonRead.Str(f[Arn])),
            AccountId = JsonRead.Str(f[AccountId]),
            AccessKeyId = NullIfEmpty(JsonRead.Str(f[AccessKeyId])),
            UserName = JsonRead.Str(f[UserName]),
            InvokedBy = JsonRead.Str(f[InvokedBy]),
            IdentityProvider = JsonRead.Str(f[IdentityProvider]),
            SessionIssuer = issuer is { } i && JsonRead.Str(i, "arn") is not null
                ? new SessionIssuer
                {
                    Type = JsonRead.Str(i, "type"),
                    PrincipalId = JsonRead.Str(i, "principalId"),
                    Arn = JsonRead.Str(i, "arn"),
                    AccountId = JsonRead.Str(i, "accountId"),
                    UserName = JsonRead.Str(i, "userName"),
                }
                : null,
            MfaAuthenticated = attributes is { } a ? JsonRead.Bool(a, "mfaAuthenticated") : null,
            SourceIdentity = context is { } c3 ? JsonRead.Str(c3, "sourceIdentity") : null,
            OnBehalfOfUserId = onBehalfOf is { } o ? JsonRead.Str(o, "userId") : null,
        };
    }

    private static string ContentId(JsonElement detail) => ContentId(System.Text.Encoding.UTF8.GetBytes(detail.GetRawText()));

    /// <summary>The id of a record without eventID: a hash of its JSON text exactly as it appeared in the input.</summary>
    internal static string ContentId(ReadOnlySpan<byte> rawJson)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(rawJson, hash);
        return "sha256:" + Convert.ToHexStringLower(hash[..16]);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
