using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Core.Members;

namespace GuardAlerts.Aws.Organizations;

/// <summary>
/// The two AWS Organizations calls the member watch needs (ListAccounts, every page, and DescribeOrganization), over
/// the JSON 1.1 protocol: POST / with X-Amz-Target AWSOrganizationsV20161128.&lt;Action&gt; and a JSON body, signed
/// with SigV4 for us-east-1 (Organizations' one endpoint in the aws partition). AWSSDK.Organizations is not used: two
/// calls do not justify a service package. Organizations answers only in the management account or a delegated
/// administrator; elsewhere every call fails with AccessDeniedException.
/// </summary>
public sealed class OrganizationsClient : IOrganizationAccounts
{
    /// <summary>Organizations' endpoint in the aws partition.</summary>
    public static readonly Uri DefaultEndpoint = new("https://organizations.us-east-1.amazonaws.com/");

    /// <summary>The region every Organizations request is signed for.</summary>
    public const string SigningRegion = "us-east-1";

    private const string Service = "organizations";
    private const string TargetPrefix = "AWSOrganizationsV20161128.";
    private const string ContentType = "application/x-amz-json-1.1";
    private const int MaxAttempts = 3;

    // ListAccounts pages hold at most 20 accounts; 10,000 accounts is the largest organization AWS allows by request.
    private const int MaxPages = 1000;

    private readonly HttpClient _httpClient;
    private readonly Uri _endpoint;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _timeProvider;

    public OrganizationsClient(HttpClient httpClient, Uri endpoint, AWSCredentials credentials, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClient = httpClient;
        _endpoint = endpoint;
        _credentials = credentials;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async Task<AccountListing> ListAsync(CancellationToken cancellationToken)
    {
        string management;
        using (var organization = await CallAsync("DescribeOrganization", null, cancellationToken).ConfigureAwait(false))
        {
            management = organization.RootElement.TryGetProperty("Organization", out var o) && o.TryGetProperty("MasterAccountId", out var id)
                ? id.GetString() ?? ""
                : throw new OrganizationsException("MalformedResponse", "Organizations DescribeOrganization answered without Organization.MasterAccountId", false);
        }

        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        string? next = null;
        for (var page = 0; page == 0 || next is not null; page++)
        {
            if (page == MaxPages)
            {
                throw new OrganizationsException("TooManyPages", $"Organizations ListAccounts returned more than {MaxPages} pages", false);
            }

            using var response = await CallAsync("ListAccounts", next, cancellationToken).ConfigureAwait(false);
            var root = response.RootElement;
            if (!root.TryGetProperty("Accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Array)
            {
                throw new OrganizationsException("MalformedResponse", "Organizations ListAccounts answered without an Accounts list", false);
            }

            foreach (var account in accounts.EnumerateArray())
            {
                var id = Text(account, "Id");
                // State replaces Status (retired on 2026-09-09); either says ACTIVE for an account that can hold members.
                var state = Text(account, "State") ?? Text(account, "Status");
                if (MemberId.IsAccount(id) && state == "ACTIVE")
                {
                    active[id!] = Text(account, "Name") ?? "";
                }
            }

            // An empty page may still have a NextToken: only its absence ends the list.
            next = Text(root, "NextToken") is { Length: > 0 } token ? token : null;
        }

        return new AccountListing(active, management);
    }

    private async Task<JsonDocument> CallAsync(string action, string? nextToken, CancellationToken cancellationToken)
    {
        var body = Body(nextToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(action, body, cancellationToken).ConfigureAwait(false);
            }
            catch (OrganizationsException ex) when (ex.IsRetryable && attempt < MaxAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 << attempt), _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<JsonDocument> SendAsync(string action, byte[] body, CancellationToken cancellationToken)
    {
        using var request = await SignedRequestAsync(action, body, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new OrganizationsException("Network", $"Organizations {action} failed: {ex.Message}", true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OrganizationsException("Timeout", $"Organizations {action} timed out", true, ex);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            JsonDocument? document = null;
            try
            {
                document = JsonDocument.Parse(bytes);
            }
            catch (JsonException)
            {
            }

            if (response.IsSuccessStatusCode && document?.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            using (document)
            {
                throw Failure(action, response, document);
            }
        }
    }

    private static OrganizationsException Failure(string action, HttpResponseMessage response, JsonDocument? document)
    {
        var root = document?.RootElement;
        var type = (root is { ValueKind: JsonValueKind.Object } r ? Text(r, "__type") : null)
            ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null);
        // "__type" may carry the shape's namespace ("com.amazonaws...#AccessDeniedException"), the header a ":uri" suffix.
        var code = type?.Split('#')[^1].Split(':')[0] is { Length: > 0 } c ? c : $"Http{(int)response.StatusCode}";
        var message = root is { ValueKind: JsonValueKind.Object } m ? Text(m, "Message") ?? Text(m, "message") : null;
        var retryable = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
            || code is "TooManyRequestsException" or "ServiceException" or "ConcurrentModificationException";
        return new OrganizationsException(code, $"Organizations {action} failed: {code} (HTTP {(int)response.StatusCode})"
            + (message is null ? "" : $": {message}"), retryable);
    }

    private async Task<HttpRequestMessage> SignedRequestAsync(string action, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var amzDate = SigV4Signer.AmzDate(_timeProvider.GetUtcNow());
        var payloadHash = SigV4Signer.HexSha256(body);
        var target = TargetPrefix + action;
        var signed = new List<KeyValuePair<string, string>>
        {
            new("content-type", ContentType),
            new("host", _endpoint.Authority),
            new("x-amz-date", amzDate),
            new("x-amz-target", target),
        };
        var authorization = SigV4Signer.AuthorizePost(_endpoint, signed, payloadHash, amzDate, SigningRegion, Service, credentials);
        var content = new ByteArrayContent(body);
        // Exactly as signed: no charset parameter.
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static byte[] Body(string? nextToken)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (nextToken is not null)
            {
                w.WriteString("NextToken", nextToken);
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
