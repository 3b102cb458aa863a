using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GuardAlerts.Aws.Sns;

/// <summary>
/// AWS Signature Version 4 for a request whose every header is signed: canonical request, string to sign, signing
/// key derived from the secret by HMAC-SHA256 over date, region, service and "aws4_request".
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The x-amz-date format: basic ISO 8601 in UTC.</summary>
    public static string AmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Returns the Authorization header value.</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="canonicalUri">The URI path, already URI-encoded ("/" for the Query API).</param>
    /// <param name="headers">Every header to sign, names in any case, values as sent.</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body.</param>
    /// <param name="amzDate">The x-amz-date value.</param>
    /// <param name="region">Signing region.</param>
    /// <param name="service">Signing name ("sns").</param>
    /// <param name="accessKey">Access key id.</param>
    /// <param name="secretKey">Secret access key.</param>
    public static string Authorization(
        string method,
        string canonicalUri,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        string payloadHash,
        string amzDate,
        string region,
        string service,
        string accessKey,
        string secretKey)
    {
        var sorted = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: CollapseSpaces(h.Value.Trim())))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', sorted.Select(h => h.Name));

        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(canonicalUri).Append('\n')
            .Append('\n'); // no query string: the Query API parameters travel in the POST body
        foreach (var (name, value) in sorted)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);

        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{HexSha256(Encoding.UTF8.GetBytes(canonical.ToString()))}";

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, stringToSign));

        return $"{Algorithm} Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>
    /// The Authorization header of a POST to <paramref name="endpoint"/>: adds x-amz-security-token to
    /// <paramref name="signed"/> when the credentials carry a session token (the caller sends every header it signs).
    /// </summary>
    public static string AuthorizePost(
        Uri endpoint, List<KeyValuePair<string, string>> signed, string payloadHash, string amzDate, string region, string service,
        Amazon.Runtime.ImmutableCredentials credentials)
    {
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            signed.Add(new("x-amz-security-token", credentials.Token));
        }

        var path = string.IsNullOrEmpty(endpoint.AbsolutePath) ? "/" : endpoint.AbsolutePath;
        return Authorization("POST", path, signed, payloadHash, amzDate, region, service, credentials.AccessKey, credentials.SecretKey);
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    // SigV4 canonical header values: sequential spaces collapse to one.
    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
