using System.Globalization;
using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Exemptions;

/// <summary>
/// Loads and validates config/exemptions.json:
/// {"exemptions":[{"id","reason","owner","expires":"YYYY-MM-DD","action":"suppress"|"downgrade","match":{...}}]}.
/// Unknown fields are errors: a misspelt match field would otherwise be ignored and widen the exemption. "expires" is
/// the last day the exemption applies (UTC, inclusive). What a match may be: <see cref="ExemptionMatchRules"/>.
/// </summary>
public static class ExemptionLoader
{
    /// <summary>How far ahead validation warns about an expiry.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    private static readonly string[] EntryFields = ["id", "reason", "owner", "expires", "action", "match"];
    private static readonly string[] MatchFields =
        ["accounts", "regions", "eventNames", "findingTypes", "principalArns", "sessionNames", "samlProviders", "userAgents", "sourceIps"];

    /// <summary>Parses the list or throws <see cref="ConfigException"/> with every error.</summary>
    public static ExemptionList Load(ReadOnlySpan<byte> json, string file, DateTimeOffset now)
    {
        var (list, errors) = TryLoad(json, file, now);
        return list ?? throw new ConfigException(errors);
    }

    /// <summary>Parses the list (null when there are errors) with every error and warning (expired, expiring within 30 days).</summary>
    public static (ExemptionList? List, List<ConfigError> Errors) TryLoad(ReadOnlySpan<byte> json, string file, DateTimeOffset now)
    {
        var errors = new List<ConfigError>();
        JsonDocument document;
        try
        {
            // A name given twice would let the file show one value and apply another (the parser keeps the last).
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            errors.Add(new ConfigError(file, null, "(file)", $"not valid JSON: {ex.Message}"));
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (JsonRead.Arr(root, "exemptions") is not { } array)
            {
                errors.Add(new ConfigError(file, null, "exemptions", "the file must be an object with an 'exemptions' array"));
                return (null, errors);
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("exemptions" or "$schema"))
                {
                    errors.Add(new ConfigError(file, null, property.Name, $"unknown field{FieldSuggestion.DidYouMean(property.Name, ["exemptions"])}"));
                }
            }

            var exemptions = new List<Exemption>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (Parse(element, index++, file, now, errors) is { } exemption)
                {
                    if (ids.Add(exemption.Id))
                    {
                        exemptions.Add(exemption);
                    }
                    else
                    {
                        errors.Add(new ConfigError(file, exemption.Id, "id", "duplicate id"));
                    }
                }
            }

            return (errors.Exists(e => !e.IsWarning) ? null : new ExemptionList(exemptions), errors);
        }
    }

    private static Exemption? Parse(JsonElement e, int index, string file, DateTimeOffset now, List<ConfigError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(file, $"exemptions[{index}]", "(entry)", "must be an object"));
            return null;
        }

        var before = errors.Count;
        var id = JsonRead.Prop(e, "id") is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } s ? s : null;
        var entry = id ?? $"exemptions[{index}]";
        if (id is null)
        {
            errors.Add(new ConfigError(file, entry, "id", "missing or empty"));
        }

        foreach (var property in e.EnumerateObject())
        {
            if (Array.IndexOf(EntryFields, property.Name) < 0)
            {
                errors.Add(new ConfigError(file, entry, property.Name, Array.IndexOf(MatchFields, property.Name) >= 0
                    ? "unknown field here: it is a match field, and goes inside \"match\""
                    : $"unknown field{FieldSuggestion.DidYouMean(property.Name, EntryFields.Concat(MatchFields))}"));
            }
        }

        var reason = RequiredText(e, "reason", file, entry, errors);
        var owner = RequiredText(e, "owner", file, entry, errors);
        var expiresText = RequiredText(e, "expires", file, entry, errors);
        DateOnly expires = default;
        if (expiresText is not null && !DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out expires))
        {
            errors.Add(new ConfigError(file, entry, "expires", $"'{expiresText}' is not a date in the form YYYY-MM-DD"));
        }

        var actionText = RequiredText(e, "action", file, entry, errors);
        var action = actionText switch
        {
            "suppress" => ExemptionAction.Suppress,
            "downgrade" => ExemptionAction.Downgrade,
            null => ExemptionAction.Suppress,
            _ => Invalid(errors, file, entry, "action", $"'{actionText}' is not 'suppress' or 'downgrade'"),
        };

        var match = JsonRead.Obj(e, "match") is { } m ? ParseMatch(m, file, entry, errors) : null;
        if (JsonRead.Obj(e, "match") is null)
        {
            errors.Add(new ConfigError(file, entry, "match", "missing or not an object"));
        }

        if (errors.Skip(before).Any(e => !e.IsWarning) || match is null)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (expires < today)
        {
            errors.Add(new ConfigError(file, entry, "expires", $"expired: {expiresText} was its last day, it no longer applies; renew or remove it", IsWarning: true));
        }
        else if (expires <= DateOnly.FromDateTime(now.UtcDateTime.Add(ExpiryWarning)))
        {
            errors.Add(new ConfigError(file, entry, "expires", $"expires soon: {expiresText}, within {ExpiryWarning.Days} days, is its last day; renew it or let it lapse", IsWarning: true));
        }

        return new Exemption { Id = id!, Reason = reason!, Owner = owner!, Expires = expires, Action = action, Match = match };
    }

    private static ExemptionMatch? ParseMatch(JsonElement m, string file, string entry, List<ConfigError> errors)
    {
        var before = errors.Count;
        foreach (var property in m.EnumerateObject())
        {
            if (Array.IndexOf(MatchFields, property.Name) < 0)
            {
                errors.Add(new ConfigError(file, entry, "match." + property.Name, $"unknown match field{FieldSuggestion.DidYouMean(property.Name, MatchFields)}; expected one of {string.Join(", ", MatchFields)}"));
            }
        }

        List<IpRange>? ips = null;
        if (Strings(m, "sourceIps", file, entry, errors) is { } ipTexts)
        {
            ips = [];
            foreach (var text in ipTexts)
            {
                if (IpRange.TryParse(text, out var range))
                {
                    ips.Add(range!);
                }
                else
                {
                    errors.Add(new ConfigError(file, entry, "match.sourceIps", $"'{text}' is not an IP address or CIDR block"));
                }
            }
        }

        var match = new ExemptionMatch
        {
            Accounts = Strings(m, "accounts", file, entry, errors),
            Regions = Strings(m, "regions", file, entry, errors),
            EventNames = Strings(m, "eventNames", file, entry, errors),
            FindingTypes = Strings(m, "findingTypes", file, entry, errors),
            PrincipalArns = Strings(m, "principalArns", file, entry, errors),
            SessionNames = Strings(m, "sessionNames", file, entry, errors),
            SamlProviders = Strings(m, "samlProviders", file, entry, errors),
            UserAgents = Strings(m, "userAgents", file, entry, errors),
            SourceIps = ips,
        };

        // Policy is judged on a match whose fields all parsed: a field dropped for its own error would make others look unanchored.
        if (errors.Count == before)
        {
            foreach (var problem in ExemptionMatchRules.Check(match))
            {
                errors.Add(new ConfigError(file, entry, problem.Field, problem.Message, problem.IsWarning));
            }
        }

        return errors.Count > before && errors.Skip(before).Any(e => !e.IsWarning) ? null : match;
    }

    private static List<string>? Strings(JsonElement m, string field, string file, string entry, List<ConfigError> errors)
    {
        if (!m.TryGetProperty(field, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            // Read as "not given", null would drop the field and the exemption would match more than it says.
            errors.Add(new ConfigError(file, entry, "match." + field, "is null: list the values, or remove the field"));
            return null;
        }

        var list = new List<string>();
        if (value.ValueKind == JsonValueKind.String)
        {
            list.Add(value.GetString()!);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    errors.Add(new ConfigError(file, entry, "match." + field, "items must be strings"));
                    return null;
                }

                list.Add(item.GetString()!);
            }
        }

        if (list.Count == 0 || list.Exists(string.IsNullOrWhiteSpace))
        {
            errors.Add(new ConfigError(file, entry, "match." + field, "must be a non-empty string or a non-empty list of non-empty strings"));
            return null;
        }

        return list;
    }

    private static string? RequiredText(JsonElement e, string field, string file, string entry, List<ConfigError> errors)
    {
        if (JsonRead.Prop(e, field) is { ValueKind: JsonValueKind.String } v && !string.IsNullOrWhiteSpace(v.GetString()))
        {
            return v.GetString();
        }

        errors.Add(new ConfigError(file, entry, field, "missing or empty"));
        return null;
    }

    private static ExemptionAction Invalid(List<ConfigError> errors, string file, string entry, string field, string message)
    {
        errors.Add(new ConfigError(file, entry, field, message));
        return ExemptionAction.Suppress;
    }
}
