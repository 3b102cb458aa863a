using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rendering;

/// <summary>A ready-to-edit exemption for an alert that turns out to be expected (config/exemptions.json shape).</summary>
public static class ExemptionSnippet
{
    /// <summary>Default lifetime of a suggested exemption: long enough to be useful, short enough to be reviewed.</summary>
    public static readonly TimeSpan SuggestedLifetime = TimeSpan.FromDays(90);

    /// <summary>The snippet, matching on the account, the event name or finding type, and the most specific trustworthy identity.</summary>
    public static string For(SecurityEvent e, Actor actor, DateTimeOffset now)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }))
        {
            writer.WriteStartObject();
            writer.WriteString("id", $"expected-{e.Name.ToLowerInvariant().Replace(':', '-').Replace('/', '-')}-{e.Account}");
            writer.WriteString("reason", "REPLACE: why this is expected");
            writer.WriteString("owner", "REPLACE: the team or person who answers for it");
            writer.WriteString("expires", DateOnly.FromDateTime(now.UtcDateTime.Add(SuggestedLifetime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("action", "suppress");
            writer.WriteStartObject("match");
            if (e.Account is { } account)
            {
                Array(writer, "accounts", account);
            }

            Array(writer, e.Kind == EventKind.GuardDuty ? "findingTypes" : "eventNames", e.Name);
            if (actor.PrincipalArn is { } arn)
            {
                Array(writer, "principalArns", arn);
            }
            else if (actor.SamlProvider is { } saml)
            {
                Array(writer, "samlProviders", saml);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Array(Utf8JsonWriter writer, string name, string value)
    {
        writer.WriteStartArray(name);
        writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
