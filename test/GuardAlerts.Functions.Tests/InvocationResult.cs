using System.Text.Json;

namespace GuardAlerts.Functions.Tests;

/// <summary>What the bootstrap posted for one invocation.</summary>
public sealed record InvocationResult(bool Succeeded, string Body, string? ErrorType)
{
    public string? Outcome => Succeeded ? Field("outcome") : null;

    public string? Field(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
