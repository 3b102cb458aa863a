using System.Text.Json;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// What a policy document grants or admits, for a responder: the actions of its Allow statements and the principals
/// they name. Deny statements grant nothing, so they are left out; NotAction and NotPrincipal read "all but ...".
/// </summary>
internal static class PolicySummary
{
    public static IEnumerable<string> Actions(JsonElement document) => Allowed(document, "Action", "NotAction", "all actions but ", Plain);

    public static IEnumerable<string> Principals(JsonElement document) => Allowed(document, "Principal", "NotPrincipal", "anyone but ", Principal);

    private static List<string> Allowed(JsonElement document, string name, string notName, string notPrefix, Func<JsonElement, IEnumerable<string>> read)
    {
        var statements = new List<JsonElement>();
        using var parsed = PolicyDocumentReader.Read(document, statements);
        var result = new List<string>();
        foreach (var statement in statements)
        {
            if (!statement.TryGetProperty("Effect", out var effect) || effect.ValueKind != JsonValueKind.String || effect.GetString() != "Allow")
            {
                continue;
            }

            if (statement.TryGetProperty(name, out var value))
            {
                result.AddRange(read(value));
            }
            else if (statement.TryGetProperty(notName, out var excluded))
            {
                result.Add(notPrefix + string.Join(", ", read(excluded)));
            }
        }

        return result;
    }

    private static IEnumerable<string> Plain(JsonElement value) => PolicyStatementTest.Values(value);

    private static IEnumerable<string> Principal(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            // "Principal": "*" is everyone, signed in to any account or not.
            return PolicyStatementTest.Values(value).Select(v => v == "*" ? "anyone" : v);
        }

        var result = new List<string>();
        foreach (var kind in value.EnumerateObject())
        {
            result.AddRange(PolicyStatementTest.Values(kind.Value).Select(v => v == "*" ? (kind.Name == "AWS" ? "anyone" : $"any {kind.Name}") : v));
        }

        return result;
    }
}
