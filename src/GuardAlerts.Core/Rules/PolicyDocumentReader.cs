using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// Reads the statements of a policy as CloudTrail records it: a JSON object (S3 bucketPolicy), a JSON document
/// serialized as a string (IAM policyDocument, KMS policy, Lambda's statement), sometimes URL-encoded (IAM calls made
/// through the console), a bare statement, or a list of statements. A document that does not parse, or has one key
/// twice (parsers disagree on which wins), yields no statements.
/// </summary>
internal static class PolicyDocumentReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>
    /// Adds the statements of <paramref name="value"/> to <paramref name="statements"/>; returns the document parsed
    /// from text (the statements point into it: dispose it after use), or null when none was parsed.
    /// </summary>
    public static JsonDocument? Read(JsonElement value, List<JsonElement> statements)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            AddStatements(value, statements);
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length > 0 && text[0] is not ('{' or '[') && text.Contains('%', StringComparison.Ordinal))
        {
            text = Uri.UnescapeDataString(text).Trim();
        }

        if (text.Length == 0 || text[0] is not ('{' or '['))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, Options);
        }
        catch (JsonException)
        {
            return null;
        }

        AddStatements(document.RootElement, statements);
        return document;
    }

    private static void AddStatements(JsonElement value, List<JsonElement> statements)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        statements.Add(item);
                    }
                }

                break;
            case JsonValueKind.Object when value.TryGetProperty("Statement", out var statement):
                AddStatements(statement, statements);
                break;
            case JsonValueKind.Object when value.TryGetProperty("Effect", out _):
                statements.Add(value);
                break;
        }
    }
}
