using System.Text.Json;

namespace GuardAlerts.Cdk;

/// <summary>
/// The names of the context keys the CDK CLI hands the app (cdk.json, ~/.cdk.json and every `-c`): the JSON object in
/// CDK_CONTEXT_JSON, or in the file the CLI names when that would be too large for the environment.
/// </summary>
internal static class CliContext
{
    public static IReadOnlyList<string> Keys()
    {
        var json = System.Environment.GetEnvironmentVariable("CDK_CONTEXT_JSON");
        if (System.Environment.GetEnvironmentVariable("CONTEXT_OVERFLOW_LOCATION_ENV") is { Length: > 0 } file && File.Exists(file))
        {
            json = File.ReadAllText(file);
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().Select(p => p.Name).ToList() : [];
    }
}
