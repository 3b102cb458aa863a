using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>A ready-to-edit exemption for an alert that turns out to be expected (config/exemptions.json shape).</summary>
public static class ExemptionSnippet
{
    /// <summary>Default lifetime of a suggested exemption: long enough to be useful, short enough to be reviewed.</summary>
    public static readonly TimeSpan SuggestedLifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// The snippet, matching on the account, the event name or finding type, and who acted (the principal ARN, and the
    /// SAML provider when there is one); null when no exemption can be suggested that validation accepts and that
    /// matches this actor only (see <see cref="WhyNone"/>).
    /// </summary>
    public static string? For(SecurityEvent e, Actor actor, DateTimeOffset now) =>
        Suggest(e, actor).Match is null ? null : AppendTo(new StringBuilder(512), e, actor, now).ToString();

    /// <summary>When an exemption added from the snippet starts to apply: the functions read the policy deployed with them.</summary>
    public const string TakesEffect =
        "It applies once deployed: check it with guard-alerts validate, then cdk deploy the stack (the policy files ship as their own Lambda layer, no rebuild of the functions); every event the functions handle after the deployment finishes is decided with it; until then alerts like this one keep coming.";

    /// <summary>Why no exemption can be suggested for the event and actor, or null when one can.</summary>
    public static string? WhyNone(SecurityEvent e, Actor actor) => Suggest(e, actor).WhyNone;

    /// <summary>
    /// Appends the alert's "Expected activity?" section: the snippet to paste, or why none is offered. Offering an
    /// exemption on the account and event name alone would teach the reader to silence everyone who does this.
    /// </summary>
    internal static StringBuilder AppendSection(StringBuilder b, SecurityEvent e, Actor actor, DateTimeOffset now)
    {
        if (Suggest(e, actor).WhyNone is { } why)
        {
            return b.Append("Expected activity? No exemption can be suggested safely: ").Append(why)
                .Append(". Exemptions match on who acted; if this activity is always expected, narrow the rule in config/risk-table.json instead.");
        }

        b.AppendLine("Expected activity? Add an exemption to config/exemptions.json (with a reason, an owner and an expiry):");
        return AppendTo(b, e, actor, now).AppendLine().Append(TakesEffect);
    }

    private static bool ByFindingType(SecurityEvent e) => EventKinds.Of(e.Kind).ExemptionNameField == "findingTypes";

    private static (ExemptionMatch? Match, string? WhyNone) Suggest(SecurityEvent e, Actor actor)
    {
        if (actor.PrincipalArn is null && actor.SamlProvider is null)
        {
            return (null, "this actor has no principal ARN or SAML provider to match on, and an exemption on the account and "
                + (ByFindingType(e) ? "finding type" : "event name") + " alone would exempt everyone");
        }

        var match = new ExemptionMatch
        {
            Accounts = e.Account is { } account ? [account] : null,
            EventNames = ByFindingType(e) ? null : [e.Name],
            FindingTypes = ByFindingType(e) ? [e.Name] : null,
            PrincipalArns = actor.PrincipalArn is { } arn ? [arn] : null,
            SamlProviders = actor.SamlProvider is { } saml ? [saml] : null,
        };
        string?[] values = [e.Account, e.Name, actor.PrincipalArn, actor.SamlProvider];
        if (values.Any(v => v is not null && v.Contains('*', StringComparison.Ordinal)))
        {
            return (null, "a value of this event contains '*', which an exemption reads as a wildcard");
        }

        if (ExemptionMatchRules.Check(match).FirstOrDefault(p => !p.IsWarning) is { } refused)
        {
            // The message quotes the event's ARN: it reaches an e-mail, so it is made a safe single line like every event field.
            return (null, $"validation would refuse it ({refused.Field}: {TextSanitizer.ToSingleLine(refused.Message)})");
        }

        return ExemptionList.Matches(match, e, actor) ? (match, null) : (null, "an exemption built from this event would not match it");
    }

    /// <summary>
    /// Appends the snippet: the text <see cref="System.Text.Json.Utf8JsonWriter"/> writes with Indented and
    /// <see cref="JavaScriptEncoder.Default"/> (two-space indent, "name": value, arrays one item per line), built in place.
    /// Event text is escaped by that encoder, so non-ASCII and HTML-sensitive characters become \u escapes.
    /// </summary>
    private static StringBuilder AppendTo(StringBuilder b, SecurityEvent e, Actor actor, DateTimeOffset now)
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

        Array(b, ref first, EventKinds.Of(e.Kind).ExemptionNameField, e.Name);
        if (actor.PrincipalArn is { } arn)
        {
            Array(b, ref first, "principalArns", arn);
        }

        if (actor.SamlProvider is { } saml)
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
