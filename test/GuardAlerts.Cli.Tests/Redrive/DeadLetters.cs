using System.Text.Json;
using GuardAlerts.Cli.Redrive;
using GuardAlerts.Cli.Tests.Support;

namespace GuardAlerts.Cli.Tests.Redrive;

/// <summary>Dead-letter messages in the two formats the stack's queue receives, built around sample events.</summary>
internal static class DeadLetters
{
    public const string GuardDutySample = "events/guardduty/AttackSequence_IAM_CompromisedCredentials.json";
    public const string CloudTrailSample = "events/cloudtrail/ArchiveFindings.json";

    public static string Event(string sample) => File.ReadAllText(Path.Combine(CliProcess.RepoRoot, sample));

    /// <summary>A Lambda asynchronous invocation record, as the on-failure destination sends it.</summary>
    public static string InvocationRecord(string eventJson, string errorType = "SnsPublishException", string errorMessage = "SNS Publish failed: ServiceUnavailable (HTTP 503)")
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("version", "1.0");
            writer.WriteString("timestamp", "2026-11-23T10:00:00.000Z");
            writer.WriteStartObject("requestContext");
            writer.WriteString("requestId", "e4b46cbf-b738-40e4-9d5e-5d3c2e7d1a6e");
            writer.WriteString("functionArn", "arn:aws:lambda:us-east-1:111122223333:function:GuardAlerts-GuardDuty:$LATEST");
            writer.WriteString("condition", "RetriesExhausted");
            writer.WriteNumber("approximateInvokeCount", 3);
            writer.WriteEndObject();
            writer.WritePropertyName("requestPayload");
            using (var payload = JsonDocument.Parse(eventJson))
            {
                payload.RootElement.WriteTo(writer);
            }

            writer.WriteStartObject("responseContext");
            writer.WriteNumber("statusCode", 200);
            writer.WriteString("executedVersion", "$LATEST");
            writer.WriteString("functionError", "Unhandled");
            writer.WriteEndObject();
            writer.WriteStartObject("responsePayload");
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The attributes an EventBridge target DLQ message carries.</summary>
    public static Dictionary<string, string> EventBridgeAttributes() => new(StringComparer.Ordinal)
    {
        ["RULE_ARN"] = "arn:aws:events:us-east-1:111122223333:rule/GuardAlerts-CloudTrail",
        ["TARGET_ARN"] = "arn:aws:lambda:us-east-1:111122223333:function:GuardAlerts-CloudTrail",
        ["ERROR_CODE"] = "SDK_CLIENT_ERROR",
        ["ERROR_MESSAGE"] = "Unable to invoke Lambda function: Rate Exceeded",
    };

    public static DeadLetterMessage Message(string id, string body, Dictionary<string, string>? attributes = null) =>
        new(id, "receipt-" + id, body, attributes ?? new Dictionary<string, string>(StringComparer.Ordinal));
}
