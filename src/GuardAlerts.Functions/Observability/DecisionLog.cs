using System.Text;
using System.Text.Json;
using GuardAlerts.Core;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Functions.Observability;

/// <summary>
/// One structured JSON line per decision (event id, kind, name, rule, exemption, outcome, dedup key, duration) and
/// an embedded-metric-format line for CloudWatch. Never the whole event: names and ids only, sanitised.
/// </summary>
internal sealed class DecisionLog(TextWriter output, string function, TimeProvider clock)
{
    private readonly Lock _gate = new();

    public void Decided(string requestId, Decision d, TimeSpan duration)
    {
        Write(w =>
        {
            // The decision's wire fields (as the replay writes them), with the log's own around them.
            Common(w, "info", "decision", requestId);
            w.WriteString("eventId", Clean(d.Id));
            DecisionWire.WriteFields(w, d);
            w.WriteString("messageId", d.MessageId);
            if (d.SeenCount is { } seen)
            {
                w.WriteNumber("seen", seen);
            }

            w.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 3));
        });
        var heartbeat = d.Kind is { } kind && EventKinds.Of(kind).IsHeartbeat;
        Metrics(heartbeat ? null : d.Outcome, d.Severity, publishFailed: false, canary: heartbeat && d.Outcome == Outcome.Alert);
    }

    public void Rejected(string requestId, ParsedEvent? parsed, string reason)
    {
        Write(w =>
        {
            Common(w, "warn", "decision", requestId);
            Fields(w, parsed?.Id, parsed?.Kind, parsed?.Name);
            w.WriteString("outcome", Outcome.Rejected.Name());
            w.WriteString("reason", Clean(reason));
        });
        Metrics(Outcome.Rejected, null, publishFailed: false);
    }

    public void Failed(string requestId, ParsedEvent parsed, Exception error, TimeSpan duration)
    {
        Write(w =>
        {
            Common(w, "error", "failed", requestId);
            Fields(w, parsed.Id, parsed.Kind, parsed.Name);
            w.WriteString("errorType", error.GetType().Name);
            w.WriteString("error", Clean(error.Message));
            w.WriteNumber("durationMs", Math.Round(duration.TotalMilliseconds, 3));
        });
        Metrics(null, null, publishFailed: true);
    }

    public void Message(string level, string message) => Write(w =>
    {
        Common(w, level, "runtime", null);
        w.WriteString("message", Clean(message));
    });

    private void Metrics(Outcome? outcome, Severity? severity, bool publishFailed, bool canary = false)
    {
        // CloudWatch embedded metric format: one line, metrics extracted by the Logs service, no API call needed.
        Write(w =>
        {
            w.WriteStartObject("_aws");
            w.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
            w.WriteStartArray("CloudWatchMetrics");
            w.WriteStartObject();
            w.WriteString("Namespace", "GuardAlerts");
            w.WriteStartArray("Dimensions");
            w.WriteStartArray();
            w.WriteStringValue("Function");
            w.WriteEndArray();
            w.WriteStartArray();
            w.WriteStringValue("Function");
            w.WriteStringValue("Severity");
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteStartArray("Metrics");
            foreach (var name in MetricNames)
            {
                w.WriteStartObject();
                w.WriteString("Name", name);
                w.WriteString("Unit", "Count");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("Function", function);
            w.WriteString("Severity", severity?.Name() ?? "None");
            w.WriteNumber("Alerts", outcome == Outcome.Alert ? 1 : 0);
            w.WriteNumber("Exempted", outcome == Outcome.Exempted ? 1 : 0);
            w.WriteNumber("Duplicates", outcome == Outcome.Duplicate ? 1 : 0);
            w.WriteNumber("Ignored", outcome == Outcome.Ignored ? 1 : 0);
            w.WriteNumber("Rejected", outcome == Outcome.Rejected ? 1 : 0);
            w.WriteNumber("PublishFailures", publishFailed ? 1 : 0);
            w.WriteNumber("CanarySucceeded", canary ? 1 : 0);
        });
    }

    // CanarySucceeded feeds the heartbeat alarm (no canary for two hours: the pipeline is broken); a canary is not an alert.
    private static readonly string[] MetricNames = ["Alerts", "Exempted", "Duplicates", "Ignored", "Rejected", "PublishFailures", "CanarySucceeded"];

    private void Common(Utf8JsonWriter w, string level, string type, string? requestId)
    {
        w.WriteString("timestamp", clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("level", level);
        w.WriteString("type", type);
        w.WriteString("function", function);
        w.WriteString("requestId", requestId);
    }

    private static void Fields(Utf8JsonWriter w, string? id, EventKind? kind, string? name)
    {
        w.WriteString("eventId", Clean(id));
        w.WriteString("kind", kind is { } k ? EventKinds.Of(k).Name : null);
        w.WriteString("name", Clean(name));
    }

    private static string? Clean(string? text) => text is null ? null : TextSanitizer.ToSingleLine(text, 1024);

    private void Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
