using System.Text.Json;
using GuardAlerts.Core.Kinds;

namespace GuardAlerts.Core.Events;

/// <summary>
/// Turns one JSON value into a typed event. Accepts an EventBridge event (GuardDuty Finding, AWS API Call via
/// CloudTrail, AWS Console Sign In via CloudTrail), a bare CloudTrail record and a bare GuardDuty finding.
/// Never throws for bad content: anything unusable becomes a rejection that names the problem.
/// </summary>
public static class EventParser
{
    /// <summary>
    /// The root names that make a value an EventBridge envelope (detail-type, or detail with source): a value with
    /// any of them is never a bare record.
    /// </summary>
    internal static readonly string[] EnvelopeNames = ["detail-type", "detail", "source"];

    /// <summary>The root name of a CloudTrail log file as stored in S3 (<c>{"Records":[...]}</c>).</summary>
    internal const string LogFileRecords = "Records";

    /// <summary>Where <see cref="EventKindDescriptor.ParseBare"/> finds the root's eventName and eventSource in the shape values.</summary>
    internal const int EventNameShape = 3, EventSourceShape = 4;

    private static readonly JsonFields ShapeFields = new([.. EnvelopeNames, "eventName", "eventSource"]);

    // Fields of an envelope that decide what the event is: never repaired.
    private static readonly string[] EnvelopeNeverRepaired = ["detail-type", "source", "id", "time"];

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

        foreach (var kind in EventKinds.All)
        {
            if (kind.ParseBare(root, f, repairs) is { } bare)
            {
                return bare;
            }
        }

        if (JsonRead.Prop(root, LogFileRecords) is not null)
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

        if (EventKinds.ForDetailType(envelope.DetailType) is not { } kind)
        {
            // The detail-type is the sender's text and the reason goes to stderr and log lines: one line, bounded.
            var shown = envelope.DetailType is null ? "missing" : $"'{Text.TextSanitizer.ToSingleLine(envelope.DetailType, 100)}'";
            var accepted = EventKinds.AcceptedDetailTypes;
            return ParsedEvent.Rejected($"unknown detail-type {shown}: expected '{string.Join("', '", accepted.Take(accepted.Count - 1))}' or '{accepted[^1]}'",
                envelope.Id, account: envelope.Account, region: envelope.Region);
        }

        return kind.ParseEnvelope(root, envelope, repairs);
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
