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
            return List(all, file, ruleId, field + ".all", errors) is { } items ? new AllCondition(items) : null;
        }

        if (JsonRead.Prop(element, "any") is { } any)
        {
            return List(any, file, ruleId, field + ".any", errors) is { } items ? new AnyCondition(items) : null;
        }

        if (JsonRead.Prop(element, "not") is { } not)
        {
            return Parse(not, file, ruleId, field + ".not", errors) is { } inner ? new NotCondition(inner) : null;
        }

        if (JsonRead.Prop(element, "portsInclude") is { } ports)
        {
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

        var pathText = JsonRead.Str(element, "forAny") ?? JsonRead.Str(element, "path");
        if (pathText is null || new JsonPath(pathText) is not { IsValid: true } path)
        {
            errors.Add(new ConfigError(file, ruleId, field, "expected one of all, any, not, forAny+where, portsInclude, cidrs with coversInternet or anyRange, or path with equals, glob or exists"));
            return null;
        }

        if (JsonRead.Prop(element, "forAny") is not null)
        {
            return JsonRead.Prop(element, "where") is { } where && Parse(where, file, ruleId, field + ".where", errors) is { } inner
                ? new ForAnyCondition(path, inner)
                : Missing(errors, file, ruleId, field + ".where", "forAny needs a 'where' condition");
        }

        if (JsonRead.Prop(element, "equals") is { } equals)
        {
            return Strings(equals) is { } values ? new EqualsCondition(path, values) : Missing(errors, file, ruleId, field + ".equals", "must be a string, number, boolean or a list of them");
        }

        if (JsonRead.Prop(element, "glob") is { } glob)
        {
            return Strings(glob) is { } values ? new GlobCondition(path, values) : Missing(errors, file, ruleId, field + ".glob", "must be a string or a list of strings");
        }

        if (JsonRead.Prop(element, "exists") is { ValueKind: JsonValueKind.True or JsonValueKind.False } exists)
        {
            return new ExistsCondition(path, exists.GetBoolean());
        }

        return Missing(errors, file, ruleId, field, $"path '{pathText}' needs an operator: equals, glob or exists (true/false)");
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
