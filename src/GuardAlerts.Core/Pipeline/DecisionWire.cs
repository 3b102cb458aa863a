using System.Globalization;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// The one wire format of a <see cref="Decision"/>: the JSON fields the replay writes per line (a contract other tools
/// depend on), the function returns, the decision log line carries and redrive prints. Callers add their own fields
/// around these (the function its message id, the log its request and duration), never other spellings of them.
/// </summary>
public static class DecisionWire
{
    /// <summary>The fields, in the order they are written.</summary>
    public static IReadOnlyList<string> Fields { get; } =
        ["id", "kind", "name", "account", "region", "time", "outcome", "severity", "rule", "exemption", "dedupKey", "actor", "subject", "sms", "reason"];

    /// <summary>Writes the decision's fields into the object the writer is in.</summary>
    public static void WriteFields(Utf8JsonWriter writer, Decision d) => WriteFields(writer, new Values(
        d.Id,
        d.Kind is { } kind ? EventKinds.Of(kind).Name : null,
        Clean(d.Name),
        Clean(d.Account),
        Clean(d.Region),
        d.Time is { } time ? TimeText(time) : null,
        d.Outcome.Name(),
        d.Severity?.Name(),
        d.RuleId,
        d.ExemptionId,
        d.DedupKey,
        d.Actor is { } a ? Describe(a) : null,
        d.Alert?.Subject,
        d.Alert?.Sms,
        Clean(d.Reason)));

    /// <summary>Writes fields already in their wire form (what <see cref="WriteFields(Utf8JsonWriter, Decision)"/> makes of a decision).</summary>
    public static void WriteFields(Utf8JsonWriter writer, in Values v)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("id", v.Id);
        writer.WriteString("kind", v.Kind);
        writer.WriteString("name", v.Name);
        writer.WriteString("account", v.Account);
        writer.WriteString("region", v.Region);
        writer.WriteString("time", v.Time);
        writer.WriteString("outcome", v.Outcome);
        writer.WriteString("severity", v.Severity);
        writer.WriteString("rule", v.Rule);
        writer.WriteString("exemption", v.Exemption);
        writer.WriteString("dedupKey", v.DedupKey);
        writer.WriteString("actor", v.Actor);
        writer.WriteString("subject", v.Subject);
        writer.WriteString("sms", v.Sms);
        writer.WriteString("reason", v.Reason);
    }

    /// <summary>The decision as one JSON object of its wire fields, with the writer's default escaping (ASCII only).</summary>
    public static string ToJson(Decision d)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteFields(writer, d);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The actor on one line: name, identity type, principal ARN and provider label.</summary>
    public static string Describe(Actor a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var text = $"{a.Name} ({a.IdentityType})";
        if (a.PrincipalArn is { } arn)
        {
            text += " " + arn;
        }

        if (a.Label is { } label)
        {
            text += " [" + label + "]";
        }

        return TextSanitizer.ToSingleLine(text, 512);
    }

    /// <summary>A time as the wire writes it (yyyy-MM-ddTHH:mm:ssZ).</summary>
    public static string TimeText(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Event text as the wire writes it: one clean line.</summary>
    public static string? Clean(string? text) => text is null ? null : TextSanitizer.ToSingleLine(text, 2048);

    /// <summary>The fields' values in wire form, in <see cref="Fields"/> order.</summary>
    public readonly record struct Values(
        string? Id, string? Kind, string? Name, string? Account, string? Region, string? Time, string Outcome, string? Severity,
        string? Rule, string? Exemption, string? DedupKey, string? Actor, string? Subject, string? Sms, string? Reason);
}
