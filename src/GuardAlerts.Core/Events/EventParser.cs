using System.Text.Json;

namespace GuardAlerts.Core.Events;

/// <summary>
/// Turns one JSON value into a typed event. Accepts an EventBridge event (GuardDuty Finding, AWS API Call via
/// CloudTrail, AWS Console Sign In via CloudTrail), a bare CloudTrail record and a bare GuardDuty finding.
/// Never throws for bad content: anything unusable becomes a rejection that names the problem.
/// </summary>
public static class EventParser
{
    public const string GuardDutyDetailType = "GuardDuty Finding";
    public const string ApiCallDetailType = "AWS API Call via CloudTrail";
    public const string SignInDetailType = "AWS Console Sign In via CloudTrail";

    private static readonly JsonFields ShapeFields = new("detail-type", "detail", "source", "eventName", "eventSource");

    // Fields of an envelope that decide what the event is (never repaired), and those that say where it happened.
    private static readonly string[] EnvelopeNeverRepaired = ["detail-type", "source", "id", "time"];
    private static readonly string[] EnvelopeIdentity = ["account", "region"];

    /// <summary>Parses one event value. The element must stay alive as long as the event (clone it first if pooled).</summary>
    public static ParsedEvent Parse(JsonElement root) => Parse(root, FieldRepairs.None);

    /// <summary>Parses one event value whose strings at <paramref name="repairs"/> held lone surrogates, read as U+FFFD.</summary>
    internal static ParsedEvent Parse(JsonElement root, FieldRepairs repairs)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParsedEvent.Rejected($"expected a JSON object, got {Describe(root.ValueKind)}");
        }

        // One pass over the root for the five names that tell the shapes apart (a bare record lacks the first two).
        var values = new JsonValues();
        Span<JsonElement> f = values;
        ShapeFields.Read(root, f);
        if (JsonRead.Present(f[0]) is not null || (JsonRead.Present(f[1]) is not null && JsonRead.Present(f[2]) is not null))
        {
            return ParseEnvelope(root, repairs);
        }

        if (JsonRead.Present(f[3]) is not null || JsonRead.Present(f[4]) is not null)
        {
            return CloudTrailParser.Parse(root, envelope: null, repairs);
        }

        if (JsonRead.PropAnyCase(root, "schemaVersion") is not null && JsonRead.PropAnyCase(root, "type") is not null)
        {
            return GuardDutyParser.Parse(root, envelope: null, repairs);
        }

        if (JsonRead.Prop(root, "Records") is not null)
        {
            return ParsedEvent.Rejected("a CloudTrail log file ({\"Records\":[...]}) nested where a single event was expected");
        }

        return ParsedEvent.Rejected("not an EventBridge event, CloudTrail record or GuardDuty finding "
            + "(no detail-type, eventName or finding schemaVersion/type)");
    }

    private static ParsedEvent ParseEnvelope(JsonElement root, FieldRepairs repairs)
    {
        var envelope = new Envelope(
            Id: JsonRead.Str(root, "id"),
            DetailType: JsonRead.Str(root, "detail-type"),
            Source: JsonRead.Str(root, "source"),
            Account: JsonRead.Str(root, "account"),
            Region: JsonRead.Str(root, "region"),
            Time: JsonRead.Time(root, "time"));

        if (JsonRead.Prop(root, "detail-type") is { ValueKind: not JsonValueKind.String })
        {
            return ParsedEvent.Rejected("detail-type must be a string", envelope.Id, account: envelope.Account, region: envelope.Region);
        }

        if (repairs.FirstOf(EnvelopeNeverRepaired) is { } field)
        {
            return ParsedEvent.Rejected(FieldRepairs.NeverRepairedReason(field), envelope.Id, account: envelope.Account, region: envelope.Region);
        }

        if (envelope.DetailType == CanaryEvent.DetailType)
        {
            return ParseCanary(root, envelope);
        }

        var kind = envelope.DetailType switch
        {
            GuardDutyDetailType => EventKind.GuardDuty,
            ApiCallDetailType or SignInDetailType => EventKind.CloudTrail,
            _ => (EventKind?)null,
        };
        if (kind is null)
        {
            // The detail-type is the sender's text and the reason goes to stderr and log lines: one line, bounded.
            var shown = envelope.DetailType is null ? "missing" : $"'{Text.TextSanitizer.ToSingleLine(envelope.DetailType, 100)}'";
            return ParsedEvent.Rejected($"unknown detail-type {shown}: expected '{GuardDutyDetailType}', '{ApiCallDetailType}' or '{SignInDetailType}'",
                envelope.Id, account: envelope.Account, region: envelope.Region);
        }

        if (JsonRead.Obj(root, "detail") is not { } detail)
        {
            return ParsedEvent.Rejected("detail is missing or not an object", envelope.Id, kind, account: envelope.Account, region: envelope.Region);
        }

        var detailRepairs = repairs.Under("detail", identity: repairs.FirstOf(EnvelopeIdentity) is not null);
        return kind == EventKind.GuardDuty ? GuardDutyParser.Parse(detail, envelope, detailRepairs) : CloudTrailParser.Parse(detail, envelope, detailRepairs);
    }

    private static ParsedEvent ParseCanary(JsonElement root, Envelope envelope)
    {
        // Only our schedule may send it: PutEvents cannot use "aws." sources, and the rule matches this source only.
        if (envelope.Source != CanaryEvent.Source || envelope.Id is null || JsonRead.Obj(root, "detail") is not { } detail
            || JsonRead.Str(detail, "function") is not { Length: > 0 } function)
        {
            return ParsedEvent.Rejected($"a canary needs source '{CanaryEvent.Source}', an id and detail.function", envelope.Id, EventKind.Canary,
                CanaryEvent.DetailType, envelope.Account, envelope.Region);
        }

        return ParsedEvent.Of(new CanaryEvent
        {
            Id = envelope.Id,
            EnvelopeId = envelope.Id,
            Name = CanaryEvent.DetailType,
            Account = envelope.Account,
            Region = envelope.Region,
            Time = envelope.Time,
            Detail = detail,
            Function = function,
        });
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
