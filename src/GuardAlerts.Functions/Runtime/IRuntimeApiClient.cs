namespace GuardAlerts.Functions.Runtime;

/// <summary>
/// The Lambda Runtime API as the invocation loop uses it: wait for the next event, then report its response or its
/// error; or report that initialisation failed. The loop's error paths are tested in-process against this seam; the
/// published bootstrap is tested against a Runtime API emulator over HTTP.
/// </summary>
internal interface IRuntimeApiClient
{
    /// <summary>Waits for the next event.</summary>
    Task<Invocation> NextAsync(CancellationToken cancellationToken);

    /// <summary>Reports success with a JSON response body.</summary>
    Task RespondAsync(string requestId, byte[] json, CancellationToken cancellationToken);

    /// <summary>Reports the invocation failed: Lambda retries async events, then sends them to the on-failure destination.</summary>
    Task ErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken);

    /// <summary>Reports that initialisation failed (bad configuration); Lambda then fails the invocation and restarts.</summary>
    Task InitErrorAsync(LambdaError error, CancellationToken cancellationToken);
}
