using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// Reads {"policy": p, "statement": {effect, actions, resources, principals, unlessConditionOn}}. Strict about every
/// key: a misspelt test would silently widen what counts as a dangerous statement, or narrow it to nothing.
/// </summary>
internal static class PolicyConditionParser
{
    private static readonly string[] Keys = ["policy", "statement"];
    private static readonly string[] StatementKeys = ["effect", "actions", "resources", "principals", "unlessConditionOn"];

    public static Condition? Parse(JsonElement element, string file, string ruleId, string field, List<ConfigError> errors)
    {
        var before = errors.Count;
        foreach (var property in element.EnumerateObject().Where(p => Array.IndexOf(Keys, p.Name) < 0))
        {
            errors.Add(new ConfigError(file, ruleId, $"{field}.{property.Name}", $"unknown key in a policy condition; expected {string.Join(", ", Keys)}"));
        }

        var paths = CidrConditionParser.Paths(JsonRead.Prop(element, "policy"), file, ruleId, field + ".policy", errors);
        if (JsonRead.Prop(element, "statement") is not { ValueKind: JsonValueKind.Object } statement || !statement.EnumerateObject().Any())
        {
            errors.Add(new ConfigError(file, ruleId, field + ".statement", "a policy condition needs a non-empty 'statement' object"));
            return null;
        }

        field += ".statement";
        foreach (var property in statement.EnumerateObject().Where(p => Array.IndexOf(StatementKeys, p.Name) < 0))
        {
            errors.Add(new ConfigError(file, ruleId, $"{field}.{property.Name}", $"unknown statement test; expected {string.Join(", ", StatementKeys)}"));
        }

        string? effect = null;
        if (JsonRead.Prop(statement, "effect") is { } effectValue)
        {
            effect = effectValue.ValueKind == JsonValueKind.String ? effectValue.GetString() : null;
            if (effect is not ("Allow" or "Deny"))
            {
                errors.Add(new ConfigError(file, ruleId, field + ".effect", "must be \"Allow\" or \"Deny\""));
            }
        }

        var actions = Names(statement, "actions", file, ruleId, field, errors);
        var resources = Names(statement, "resources", file, ruleId, field, errors);
        var keys = Names(statement, "unlessConditionOn", file, ruleId, field, errors);
        var principals = new List<PolicyPrincipalKind>();
        foreach (var name in Names(statement, "principals", file, ruleId, field, errors))
        {
            if (PrincipalName(name) is { } parsed)
            {
                principals.Add(parsed);
            }
            else
            {
                errors.Add(new ConfigError(file, ruleId, field + ".principals", $"'{name}' is not one of anyone, otherAccount, oidc, saml, service"));
            }
        }

        return errors.Count > before || paths is null ? null : new PolicyCondition(paths, new PolicyStatementTest(effect, actions, resources, principals, keys));
    }

    private static PolicyPrincipalKind? PrincipalName(string name) => name switch
    {
        "anyone" => PolicyPrincipalKind.Anyone,
        "otherAccount" => PolicyPrincipalKind.OtherAccount,
        "oidc" => PolicyPrincipalKind.Oidc,
        "saml" => PolicyPrincipalKind.Saml,
        "service" => PolicyPrincipalKind.Service,
        _ => null,
    };

    private static List<string> Names(JsonElement statement, string name, string file, string ruleId, string field, List<ConfigError> errors)
    {
        if (JsonRead.Prop(statement, name) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
        {
            errors.Add(new ConfigError(file, ruleId, $"{field}.{name}", "must be a non-empty array of non-empty strings"));
            return [];
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}
