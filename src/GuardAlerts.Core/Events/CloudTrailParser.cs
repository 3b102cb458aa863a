using System.Text.Json;

namespace GuardAlerts.Core.Events;

/// <summary>Maps a CloudTrail record (EventBridge detail or log-file record) to <see cref="CloudTrailEvent"/>.</summary>
internal static class CloudTrailParser
{
    public static ParsedEvent Parse(JsonElement detail, Envelope? envelope)
    {
        var eventId = JsonRead.Str(detail, "eventID");
        var id = envelope?.Id ?? eventId;
        var account = JsonRead.Str(detail, "recipientAccountId") ?? envelope?.Account;
        var region = JsonRead.Str(detail, "awsRegion") ?? envelope?.Region;
        var identityElement = JsonRead.Obj(detail, "userIdentity");
        var identity = identityElement is { } ui ? ParseIdentity(ui) : null;
        account ??= identity?.AccountId;

        var nameValue = JsonRead.Prop(detail, "eventName");
        if (nameValue is not { ValueKind: JsonValueKind.String } || string.IsNullOrWhiteSpace(nameValue.Value.GetString()))
        {
            var problem = nameValue is null ? "eventName is missing" : $"eventName must be a non-empty string, got {EventParser.Describe(nameValue.Value.ValueKind)}";
            return ParsedEvent.Rejected(problem, id, EventKind.CloudTrail, account: account, region: region);
        }

        var name = nameValue.Value.GetString()!;
        if (JsonRead.Prop(detail, "eventSource") is { } source && source.ValueKind != JsonValueKind.String)
        {
            return ParsedEvent.Rejected($"eventSource must be a string, got {EventParser.Describe(source.ValueKind)}", id, EventKind.CloudTrail, name, account, region);
        }

        // Documentation samples and hand-made records omit eventID; a content hash keeps redelivery dedup working.
        id ??= ContentId(detail);

        var time = JsonRead.Time(detail, "eventTime") ?? envelope?.Time;
        if (time is null)
        {
            return ParsedEvent.Rejected("eventTime is missing or not a timestamp", id, EventKind.CloudTrail, name, account, region);
        }

        var record = new CloudTrailRecord
        {
            EventVersion = JsonRead.Str(detail, "eventVersion"),
            EventId = eventId,
            EventTime = time,
            EventSource = JsonRead.Str(detail, "eventSource"),
            EventName = name,
            AwsRegion = region,
            SourceIpAddress = JsonRead.Str(detail, "sourceIPAddress"),
            UserAgent = JsonRead.Str(detail, "userAgent"),
            UserIdentity = identity,
            RequestParameters = JsonRead.Obj(detail, "requestParameters"),
            ResponseElements = JsonRead.Obj(detail, "responseElements"),
            AdditionalEventData = JsonRead.Obj(detail, "additionalEventData"),
            ErrorCode = JsonRead.Str(detail, "errorCode"),
            ErrorMessage = JsonRead.Str(detail, "errorMessage"),
            RecipientAccountId = JsonRead.Str(detail, "recipientAccountId"),
            ReadOnly = JsonRead.Bool(detail, "readOnly"),
            EventType = JsonRead.Str(detail, "eventType"),
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
        });
    }

    internal static UserIdentity ParseIdentity(JsonElement ui)
    {
        var context = JsonRead.Obj(ui, "sessionContext");
        var issuer = context is { } c ? JsonRead.Obj(c, "sessionIssuer") : null;
        var attributes = context is { } c2 ? JsonRead.Obj(c2, "attributes") : null;
        var onBehalfOf = JsonRead.Obj(ui, "onBehalfOf");
        return new UserIdentity
        {
            Type = JsonRead.Str(ui, "type"),
            PrincipalId = JsonRead.Str(ui, "principalId"),
            Arn = NullIfEmpty(JsonRead.Str(ui, "arn")),
            AccountId = JsonRead.Str(ui, "accountId"),
            AccessKeyId = NullIfEmpty(JsonRead.Str(ui, "accessKeyId")),
            UserName = JsonRead.Str(ui, "userName"),
            InvokedBy = JsonRead.Str(ui, "invokedBy"),
            IdentityProvider = JsonRead.Str(ui, "identityProvider"),
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
