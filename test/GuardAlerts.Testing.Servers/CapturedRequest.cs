namespace GuardAlerts.Testing.Servers;

/// <summary>One HTTP request as it arrived on the wire, and the status the server answered it with.</summary>
public sealed record CapturedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The HTTP status of the response (200 unless a scripted error was served).</summary>
    public int Status { get; init; } = 200;

    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
