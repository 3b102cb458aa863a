using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>Reads a "when" condition from the risk table, reporting every problem with its location.</summary>
internal static class ConditionParser
{
    public static Condition? Parse(JsonElement element, string file, string ruleId, string field, List<ConfigError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ConfigError(file, ruleId, field, "a condition must be an object"));
            return null;
        }

        if (JsonRead.Prop(element, "all") is { } all)
        {
            Only(element, ["all"], file, ruleId, field, errors);
            return List(all, file, ruleId, field + ".all", errors) is { } items ? new AllCondition(items) : null;
        }

        if (JsonRead.Prop(element, "any") is { } any)
        {
            Only(element, ["any"], file, ruleId, field, errors);
            return List(any, file, ruleId, field + ".any", errors) is { } items ? new AnyCondition(items) : null;
        }

        if (JsonRead.Prop(element, "not") is { } not)
        {
            Only(element, ["not"], file, ruleId, field, errors);
            return Parse(not, file, ruleId, field + ".not", errors) is { } inner ? new NotCondition(inner) : null;
        }

        if (JsonRead.Prop(element, "portsInclude") is { } ports)
        {
            Only(element, ["portsInclude"], file, ruleId, field, errors);
            var list = new List<int>();
            if (ports.ValueKind == JsonValueKind.Array)
            {
                foreach (var port in ports.EnumerateArray())
                {
                    if (port.ValueKind == JsonValueKind.Number && port.TryGetInt32(out var p) && p is >= 0 and <= 65535)
                    {
                        list.Add(p);
                    }
                }
            }

            if (list.Count == 0 || list.Count != ports.GetArrayLength())
            {
                errors.Add(new ConfigError(file, ruleId, field + ".portsInclude", "must be a non-empty array of port numbers 0-65535"));
                return null;
            }

            return new PortsIncludeCondition(list);
        }

        if (JsonRead.Prop(element, "cidrs") is not null)
        {
            return CidrConditionParser.Parse(element, file, ruleId, field, errors);
        }

        if (JsonRead.Prop(element, "policy") is not null)
        {
            return PolicyConditionParser.Parse(element, file, ruleId, field, errors);
        }

        var pathText = JsonRead.Str(element, "forAny") ?? JsonRead.Str(element, "path");
        if (pathText is null || new JsonPath(pathText) is not { IsValid: true } path)
        {
            errors.Add(new ConfigError(file, ruleId, field, "expected one of all, any, not, forAny+where, portsInclude, cidrs with coversInternet or anyRange, policy+statement, or path with equals, glob, exists, atMost, atLeast or sameAs"));
            return null;
        }

        if (JsonRead.Prop(element, "forAny") is not null)
        {
            Only(element, ["forAny", "where"], file, ruleId, field, errors);
            return JsonRead.Prop(element, "where") is { } where && Parse(where, file, ruleId, field + ".where", errors) is { } inner
                ? new ForAnyCondition(path, inner)
                : Missing(errors, file, ruleId, field + ".where", "forAny needs a 'where' condition");
        }

        if (JsonRead.Prop(element, "equals") is { } equals)
        {
            Only(element, ["path", "equals"], file, ruleId, field, errors);
            return Strings(equals) is { } values ? new EqualsCondition(path, values) : Missing(errors, file, ruleId, field + ".equals", "must be a string, number, boolean or a list of them");
        }

        if (JsonRead.Prop(element, "glob") is { } glob)
        {
            Only(element, ["path", "glob"], file, ruleId, field, errors);
            return Strings(glob) is { } values ? new GlobCondition(path, values) : Missing(errors, file, ruleId, field + ".glob", "must be a string or a list of strings");
        }

        if (JsonRead.Prop(element, "exists") is { ValueKind: JsonValueKind.True or JsonValueKind.False } exists)
        {
            Only(element, ["path", "exists"], file, ruleId, field, errors);
            return new ExistsCondition(path, exists.GetBoolean());
        }

        if (JsonRead.Prop(element, "sameAs") is { } sameAs)
        {
            Only(element, ["path", "sameAs"], file, ruleId, field, errors);
            return JsonRead.ScalarText(sameAs) is { } otherText && new JsonPath(otherText) is { IsValid: true } other
                ? new SameAsCondition(path, other)
                : Missing(errors, file, ruleId, field + ".sameAs", "must be a dotted path");
        }

        var atMost = JsonRead.Prop(element, "atMost");
        var atLeast = JsonRead.Prop(element, "atLeast");
        if (atMost is not null || atLeast is not null)
        {
            Only(element, ["path", "atMost", "atLeast"], file, ruleId, field, errors);
            return (atMost is null || atMost.Value.ValueKind == JsonValueKind.Number) && (atLeast is null || atLeast.Value.ValueKind == JsonValueKind.Number)
                ? new NumberCondition(path, atMost?.GetDouble(), atLeast?.GetDouble())
                : Missing(errors, file, ruleId, field, "atMost and atLeast must be numbers");
        }

        return Missing(errors, file, ruleId, field, $"path '{pathText}' needs an operator: equals, glob, exists (true/false), atMost, atLeast or sameAs");
    }

    /// <summary>
    /// A condition has one operator: a second one, or a misspelt key beside it, would be dropped in silence and the
    /// condition would hold for more events than its author wrote (the cidrs and policy forms check their own keys).
    /// </summary>
    private static void Only(JsonElement element, string[] keys, string file, string ruleId, string field, List<ConfigError> errors)
    {
        foreach (var property in element.EnumerateObject().Where(p => Array.IndexOf(keys, p.Name) < 0))
        {
            errors.Add(new ConfigError(file, ruleId, $"{field}.{property.Name}",
                $"unknown or second operator in a condition; this one takes {string.Join(", ", keys)} (combine conditions with all, any and not)"));
        }
    }

    private static List<Condition>? List(JsonElement array, string file, string ruleId, string field, List<ConfigError> errors)
    {
        if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            errors.Add(new ConfigError(file, ruleId, field, "must be a non-empty array of conditions"));
            return null;
        }

        var items = new List<Condition>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (Parse(item, file, ruleId, $"{field}[{index++}]", errors) is { } condition)
            {
                items.Add(condition);
            }
        }

        return items.Count == array.GetArrayLength() ? items : null;
    }

    internal static List<string>? Strings(JsonElement value)
    {
        if (JsonRead.ScalarText(value) is { } single)
        {
            return [single];
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (JsonRead.ScalarText(item) is not { } text)
            {
                return null;
            }

            list.Add(text);
        }

        return list;
    }

    private static Condition? Missing(List<ConfigError> errors, string file, string ruleId, string field, string message)
    {
        errors.Add(new ConfigError(file, ruleId, field, message));
        return null;
    }
}
