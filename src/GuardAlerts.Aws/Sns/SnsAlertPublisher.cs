using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Aws.Sns;

/// <summary>
/// Publishes alerts with the SNS Query API (POST Action=Publish, MessageStructure=json) over a plain HttpClient,
/// signed with SigV4. AWSSDK.SimpleNotificationService is not used: one call does not justify a service package.
/// Credentials come from an AWSSDK.Core <see cref="AWSCredentials"/> (the default chain in production: environment,
/// profile, container and instance credentials, with session tokens), fetched per request so rotation is honoured.
/// </summary>
public sealed class SnsAlertPublisher : IAlertPublisher
{
    private const string Service = "sns";
    private const string FormContentType = "application/x-www-form-urlencoded";

    // Error codes SNS and the AWS front end use for "slow down" and "try again"; every other 4xx is final.
    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "Throttled", "ThrottledException", "RequestThrottled",
        "TooManyRequestsException", "RequestLimitExceeded", "KMSThrottling", "InternalError", "InternalFailure",
        "ServiceUnavailable", "RequestTimeout", "RequestTimeoutException",
    };

    private readonly HttpClient _httpClient;
    private readonly SnsPublisherSettings _settings;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _timeProvider;

    public SnsAlertPublisher(HttpClient httpClient, SnsPublisherSettings settings, AWSCredentials credentials, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxAttempts, 1);
        _httpClient = httpClient;
        _settings = settings;
        _credentials = credentials;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = SnsQueryBody.Publish(_settings.Topic.Value, alert);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await SendOnceAsync(body, attempt, cancellationToken);
            if (outcome.MessageId is not null)
            {
                return outcome.MessageId;
            }

            var error = outcome.Error!;
            if (!error.IsRetryable || attempt >= _settings.MaxAttempts)
            {
                throw error;
            }

            await Task.Delay(Backoff(attempt), _timeProvider, cancellationToken);
        }
    }

    private async Task<(string? MessageId, SnsPublishException? Error)> SendOnceAsync(
        byte[] body, int attempt, CancellationToken cancellationToken)
    {
        using var request = await BuildSignedRequestAsync(body, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return (null, new SnsPublishException("Network", $"SNS Publish failed: {ex.Message}", null, null, isRetryable: true, attempt, ex));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, new SnsPublishException("Timeout", "SNS Publish timed out.", null, null, isRetryable: true, attempt, ex));
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var parsed = SnsResponse.Parse(text);
            if (response.IsSuccessStatusCode && parsed.MessageId is not null)
            {
                return (parsed.MessageId, null);
            }

            var status = response.StatusCode;
            var code = parsed.ErrorCode ?? (response.IsSuccessStatusCode ? "MissingMessageId" : $"Http{(int)status}");
            var retryable = (int)status >= 500 || status == HttpStatusCode.TooManyRequests || RetryableCodes.Contains(code);
            var message = $"SNS Publish to {_settings.Topic.Value} failed: {code} (HTTP {(int)status})"
                + (parsed.ErrorMessage is null ? "." : $": {parsed.ErrorMessage}");
            return (null, new SnsPublishException(code, message, status, parsed.RequestId, retryable, attempt));
        }
    }

    private async Task<HttpRequestMessage> BuildSignedRequestAsync(byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync();
        cancellationToken.ThrowIfCancellationRequested();
        var endpoint = _settings.Endpoint;
        var amzDate = SigV4Signer.AmzDate(_timeProvider.GetUtcNow());
        var payloadHash = SigV4Signer.HexSha256(body);

        var signed = new List<KeyValuePair<string, string>>
        {
            new("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("content-type", FormContentType),
            new("host", endpoint.Authority),
            new("x-amz-content-sha256", payloadHash),
            new("x-amz-date", amzDate),
        };
        var authorization = SigV4Signer.AuthorizePost(endpoint, signed, payloadHash, amzDate, _settings.Region, Service, credentials);

        var content = new ByteArrayContent(body);
        // Set exactly (no "; charset=utf-8"): the header is signed, and the body is ASCII by construction.
        content.Headers.ContentType = new MediaTypeHeaderValue(FormContentType);
        content.Headers.ContentLength = body.Length;
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.TryAddWithoutValidation("x-amz-security-token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    // Exponential backoff with full jitter: a uniformly random delay up to min(max, base * 2^(attempt-1)).
    private TimeSpan Backoff(int attempt)
    {
        var cap = Math.Min(_settings.MaxDelay.TotalMilliseconds, _settings.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
#pragma warning disable CA5394 // Jitter only spreads retries; it needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * cap);
#pragma warning restore CA5394
    }
}
