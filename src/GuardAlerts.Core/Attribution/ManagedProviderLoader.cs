using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Attribution;

/// <summary>
/// Loads and validates config/providers.json:
/// {"providers":[{"id","name","accounts":[...],"samlProviders":[...],"engineerRoles":[...],"automationRoles":[...],
/// "automationSessionName","userTypeTag"}]}. Unknown fields are errors, like the other policy files.
/// </summary>
public static class ManagedProviderLoader
{
    private static readonly string[] EntryFields =
        ["id", "name", "accounts", "samlProviders", "engineerRoles", "automationRoles", "automationSessionName", "userTypeTag"];

    /// <summary>Parses the profiles or throws <see cref="ConfigException"/> with every error.</summary>
    public static IReadOnlyList<ManagedProviderProfile> Load(ReadOnlySpan<byte> json, string file)
    {
        var (profiles, errors) = TryLoad(json, file);
        return profiles ?? throw new ConfigException(errors);
    }

    /// <summary>Parses the profiles (null when there are errors) with every error and warning.</summary>
    public static (IReadOnlyList<ManagedProviderProfile>? Profiles, List<ConfigError> Errors) TryLoad(ReadOnlySpan<byte> json, string file)
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
            if (root.ValueKind != JsonValueKind.Object || JsonRead.Arr(root, "providers") is not { } array)
            {
                errors.Add(new ConfigError(file, null, "providers", "the file must be an object with a 'providers' array"));
                return (null, errors);
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("providers" or "$schema"))
                {
                    errors.Add(new ConfigError(file, null, property.Name, "unknown field"));
                }
            }

            var profiles = new List<ManagedProviderProfile>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                if (Parse(element, index++, file, errors) is not { } profile)
                {
                    continue;
                }

                if (ids.Add(profile.Id))
                {
                    profiles.Add(profile);
                }
                else
                {
                    errors.Add(new ConfigError(file, profile.Id, "id", "duplicate id"));
                }
            }

            return (errors.Exists(e => !e.IsWarning) ? null : profiles, errors);
        }
    }

    private static ManagedProviderProfile? Parse(JsonElement e, int index, string file, List<ConfigError> errors)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(file, $"providers[{index}]", "(entry)", "must be an object"));
            return null;
        }

        var before = errors.Count;
        var id = Text(e, "id", file, $"providers[{index}]", errors, required: true);
        var entry = id ?? $"providers[{index}]";
        foreach (var property in e.EnumerateObject())
        {
            if (Array.IndexOf(EntryFields, property.Name) < 0)
            {
                errors.Add(new ConfigError(file, entry, property.Name, "unknown field"));
            }
        }

        var name = Text(e, "name", file, entry, errors, required: true);
        var accounts = List(e, "accounts", file, entry, errors, a => a.Length == 12 && a.All(char.IsAsciiDigit), "a 12-digit AWS account id");
        var saml = List(e, "samlProviders", file, entry, errors, IsName, "a SAML provider name (the part after saml-provider/)");
        var engineers = List(e, "engineerRoles", file, entry, errors, IsName, "a role name (no path, no ARN)");
        var automation = List(e, "automationRoles", file, entry, errors, IsRoleArn, "a role ARN (arn:aws:iam::123456789012:role/NAME)");
        foreach (var arn in automation.Where(arn => !accounts.Contains(ArnParts.Account(arn)!, StringComparer.Ordinal)))
        {
            errors.Add(new ConfigError(file, entry, "automationRoles",
                $"'{arn}' is in an account not listed in 'accounts': it can never earn the label", IsWarning: true));
        }

        var session = Text(e, "automationSessionName", file, entry, errors, required: false);
        var tag = Text(e, "userTypeTag", file, entry, errors, required: false);
        return errors.Skip(before).Any(x => !x.IsWarning) ? null
            : new ManagedProviderProfile(id!, name!, accounts, saml, engineers, automation, session, tag);
    }

    private static bool IsName(string text) => text.Length is > 0 and <= 128 && text.IndexOfAny([':', '/', '*', ' ']) < 0;

    private static bool IsRoleArn(string text) =>
        text.StartsWith("arn:", StringComparison.Ordinal) && text.Split(':', 6) is [_, _, "iam", "", var account, var resource]
        && account.Length == 12 && account.All(char.IsAsciiDigit) && resource.StartsWith("role/", StringComparison.Ordinal)
        && ArnParts.LastSegment(resource) is { Length: > 0 } && !resource.Contains('*', StringComparison.Ordinal);

    private static string? Text(JsonElement e, string field, string file, string entry, List<ConfigError> errors, bool required)
    {
        var value = JsonRead.Prop(e, field);
        if (value is { ValueKind: JsonValueKind.String } v && v.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (value is not null || required)
        {
            errors.Add(new ConfigError(file, entry, field, required ? "missing or empty (a non-empty string)" : "must be a non-empty string"));
        }

        return null;
    }

    private static List<string> List(JsonElement e, string field, string file, string entry, List<ConfigError> errors, Func<string, bool> valid, string what)
    {
        var values = new List<string>();
        if (JsonRead.Prop(e, field) is not { } array)
        {
            return values;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ConfigError(file, entry, field, "must be an array of strings"));
            return values;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text && valid(text))
            {
                values.Add(text);
            }
            else
            {
                errors.Add(new ConfigError(file, entry, field, $"{(item.ValueKind == JsonValueKind.String ? $"'{item.GetString()}'" : "a non-string item")} is not {what}"));
            }
        }

        return values;
    }
}
