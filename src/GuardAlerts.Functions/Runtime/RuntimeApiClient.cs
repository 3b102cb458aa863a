using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace GuardAlerts.Functions.Runtime;

/// <summary>
/// The Lambda Runtime API (2018-06-01) over HttpClient: next, response, error and init error. Amazon.Lambda.RuntimeSupport
/// is not available here, and the protocol is four small HTTP calls.
/// </summary>
internal sealed class RuntimeApiClient(HttpClient http) : IRuntimeApiClient
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Creates a client for AWS_LAMBDA_RUNTIME_API ("host:port"). The next call long-polls, so no timeout.</summary>
    public static RuntimeApiClient Create(string runtimeApi) =>
        new(new HttpClient { BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"), Timeout = Timeout.InfiniteTimeSpan });

    /// <inheritdoc/>
    public async Task<Invocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("runtime/invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("the Runtime API sent an event without Lambda-Runtime-Aws-Request-Id");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new Invocation(requestId, deadline, Header(response, "Lambda-Runtime-Trace-Id"), Header(response, "Lambda-Runtime-Invoked-Function-Arn"), payload);
    }

    /// <inheritdoc/>
    public Task RespondAsync(string requestId, byte[] json, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", json, null, cancellationToken);

    /// <inheritdoc/>
    public Task ErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    /// <inheritdoc/>
    public Task InitErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    internal static byte[] ErrorBody(LambdaError error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorMessage", error.ErrorMessage);
            writer.WriteString("errorType", error.ErrorType);
            writer.WriteStartArray("stackTrace");
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken) =>
        PostAsync(path, ErrorBody(error), error.ErrorType, cancellationToken);

    private async Task PostAsync(string path, byte[] body, string? errorType, CancellationToken cancellationToken)
    {
        // One retry on a connection-level failure: the outcome is already decided (the alert may be out), so losing
        // the report to a reused keep-alive connection the server just closed would make Lambda redo the work.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
                if (errorType is not null)
                {
                    request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
                }

                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException ex) when (attempt == 1 && ex.StatusCode is null)
            {
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
