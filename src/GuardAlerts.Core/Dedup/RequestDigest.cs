using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace GuardAlerts.Core.Dedup;

/// <summary>
/// A short digest of a CloudTrail record's <c>requestParameters</c>, part of every windowed dedup key. The rule's
/// target names one resource for people to read, but a request can name its resource in any field (an alarm list, a
/// load balancer ARN, the instances a command goes to, the user added to a group): the same call on another resource
/// is another fact and must never read as a repeat of the first. A true repeat sends the same request again, so it
/// still collapses.
/// </summary>
/// <remarks>
/// The digest is over a canonical form (object members sorted by name, ordinal), so two spellings of one request
/// (members in another order) are one request. Idempotency tokens the SDKs generate per call (<c>clientToken</c>,
/// <c>clientRequestToken</c>) are left out: a retried call is the same call. A missing or null
/// <c>requestParameters</c> has its own fixed digest.
/// </remarks>
internal static class RequestDigest
{
    private const int Length = 12;

    /// <summary>The first <see cref="Length"/> hex digits of SHA-256 over the canonical request ("none" without one).</summary>
    public static string Of(JsonElement? requestParameters)
    {
        if (requestParameters is not { } request || request.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return "none";
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            WriteCanonical(writer, request, depth: 0);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan))[..Length];
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element, int depth)
    {
        // The reader already bounds nesting; this bound only keeps a hostile record from recursing without end here.
        if (depth > 64)
        {
            writer.WriteStringValue(element.GetRawText());
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<JsonProperty>();
                foreach (var member in element.EnumerateObject())
                {
                    if (!IsIdempotencyToken(member.Name))
                    {
                        members.Add(member);
                    }
                }

                members.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var member in members)
                {
                    writer.WritePropertyName(member.Name);
                    WriteCanonical(writer, member.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                // Strings, numbers and literals as AWS wrote them: "80" and 80 stay different, which can only split a key.
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
        }
    }

    private static bool IsIdempotencyToken(string name) =>
        name.Equals("clientToken", StringComparison.OrdinalIgnoreCase)
        || name.Equals("clientRequestToken", StringComparison.OrdinalIgnoreCase);
}
