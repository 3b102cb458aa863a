using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rendering;

/// <summary>A ready-to-edit exemption for an alert that turns out to be expected (config/exemptions.json shape).</summary>
public static class ExemptionSnippet
{
    /// <summary>Default lifetime of a suggested exemption: long enough to be useful, short enough to be reviewed.</summary>
    public static readonly TimeSpan SuggestedLifetime = TimeSpan.FromDays(90);

    /// <summary>The snippet, matching on the account, the event name or finding type, and the most specific trustworthy identity.</summary>
    public static string For(SecurityEvent e, Actor actor, DateTimeOffset now) => AppendTo(new StringBuilder(512), e, actor, now).ToString();

    /// <summary>
    /// Appends the snippet: the text <see cref="System.Text.Json.Utf8JsonWriter"/> writes with Indented and
    /// <see cref="JavaScriptEncoder.Default"/> (two-space indent, "name": value, arrays one item per line), built in place.
    /// Event text is escaped by that encoder, so non-ASCII and HTML-sensitive characters become \u escapes.
    /// </summary>
    internal static StringBuilder AppendTo(StringBuilder b, SecurityEvent e, Actor actor, DateTimeOffset now)
    {
        var json = JsonText.Default;
        b.Append('{').AppendLine();
        var id = $"expected-{e.Name.ToLowerInvariant().Replace(':', '-').Replace('/', '-')}-{e.Account}";
        json.AppendQuoted(b.Append("  \"id\": "), id).Append(',').AppendLine();
        b.Append("  \"reason\": \"REPLACE: why this is expected\",").AppendLine();
        b.Append("  \"owner\": \"REPLACE: the team or person who answers for it\",").AppendLine();
        b.Append("  \"expires\": \"")
            .Append(CultureInfo.InvariantCulture, $"{DateOnly.FromDateTime(now.UtcDateTime.Add(SuggestedLifetime)):yyyy-MM-dd}")
            .Append("\",").AppendLine();
        b.Append("  \"action\": \"suppress\",").AppendLine();
        b.Append("  \"match\": {").AppendLine();
        var first = true;
        if (e.Account is { } account)
        {
            Array(b, ref first, "accounts", account);
        }

        Array(b, ref first, e.Kind == EventKind.GuardDuty ? "findingTypes" : "eventNames", e.Name);
        if (actor.PrincipalArn is { } arn)
        {
            Array(b, ref first, "principalArns", arn);
        }
        else if (actor.SamlProvider is { } saml)
        {
            Array(b, ref first, "samlProviders", saml);
        }

        b.AppendLine().Append("  }").AppendLine();
        return b.Append('}');
    }

    private static void Array(StringBuilder b, ref bool first, string name, string value)
    {
        if (!first)
        {
            b.Append(',').AppendLine();
        }

        first = false;
        b.Append("    \"").Append(name).Append("\": [").AppendLine();
        JsonText.Default.AppendQuoted(b.Append("      "), value).AppendLine();
        b.Append("    ]");
    }
}
