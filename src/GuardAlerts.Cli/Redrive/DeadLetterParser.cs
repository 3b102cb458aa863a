using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Cli.Redrive;

/// <summary>
/// Reads the two formats the stack's dead-letter queue receives. A Lambda on-failure destination record is JSON:
/// requestContext {requestId, functionArn, condition (RetriesExhausted, EventAgeExceeded), approximateInvokeCount},
/// requestPayload (the event), responseContext {statusCode, functionError} and responsePayload {errorType,
/// errorMessage}. An EventBridge target DLQ message is the event itself, with the failure in the message attributes
/// RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE. A Lambda function DLQ (not used by the stack, read anyway) is
/// the event with ErrorCode/ErrorMessage attributes. Everything shown is sanitised: it came from events.
/// </summary>
internal static class DeadLetterParser
{
    private const int MaxWhy = 600;

    public static DeadLetterRecord Parse(DeadLetterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = message.Attributes;
        if (attributes.ContainsKey("ERROR_CODE") || attributes.ContainsKey("ERROR_MESSAGE"))
        {
            var why = $"EventBridge could not deliver it to {Get(attributes, "TARGET_ARN") ?? "its target"} (rule {Get(attributes, "RULE_ARN") ?? "?"}): "
                + $"{Get(attributes, "ERROR_CODE") ?? "?"}: {Get(attributes, "ERROR_MESSAGE") ?? "no message"}";
            return new DeadLetterRecord(DeadLetterSource.EventBridge, Clean(why), Encoding.UTF8.GetBytes(message.Body), Get(attributes, "TARGET_ARN"));
        }

        if (attributes.ContainsKey("ErrorCode") || attributes.ContainsKey("ErrorMessage"))
        {
            var why = $"Lambda gave up on it (request {Get(attributes, "RequestID") ?? "?"}): {Get(attributes, "ErrorCode") ?? "?"}: {Get(attributes, "ErrorMessage") ?? "no message"}";
            return new DeadLetterRecord(DeadLetterSource.LambdaDeadLetterQueue, Clean(why), Encoding.UTF8.GetBytes(message.Body));
        }

        return TryInvocationRecord(message.Body)
            ?? new DeadLetterRecord(DeadLetterSource.Unknown, "no failure details (not a Lambda invocation record, no EventBridge error attributes)", Encoding.UTF8.GetBytes(message.Body));
    }

    private static DeadLetterRecord? TryInvocationRecord(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("requestContext", out var context) || context.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var condition = Text(context, "condition") ?? "failed";
            var attempts = context.TryGetProperty("approximateInvokeCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetRawText() : "?";
            var function = Text(context, "functionArn") ?? "the function";
            var why = new StringBuilder($"{function}: {condition} after {attempts} attempt(s)");
            if (root.TryGetProperty("responsePayload", out var response) && response.ValueKind == JsonValueKind.Object)
            {
                why.Append(": ").Append(Text(response, "errorType") ?? "error").Append(": ").Append(Text(response, "errorMessage") ?? "no message");
            }
            else if (root.TryGetProperty("responseContext", out var responseContext) && Text(responseContext, "functionError") is { } functionError)
            {
                why.Append(": ").Append(functionError);
            }

            byte[]? payload = root.TryGetProperty("requestPayload", out var request) && request.ValueKind == JsonValueKind.Object
                ? Encoding.UTF8.GetBytes(request.GetRawText())
                : null;
            if (payload is null)
            {
                why.Append(" (the record carries no requestPayload: nothing to redrive)");
            }

            return new DeadLetterRecord(DeadLetterSource.LambdaDestination, Clean(why.ToString()), payload);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Get(IReadOnlyDictionary<string, string> attributes, string name) =>
        attributes.TryGetValue(name, out var value) ? value : null;

    private static string Clean(string text) => TextSanitizer.ToSingleLine(text, MaxWhy);
}
