namespace GuardAlerts.Testing;

/// <summary>One HTTP request as it arrived on the wire.</summary>
public sealed record CapturedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
