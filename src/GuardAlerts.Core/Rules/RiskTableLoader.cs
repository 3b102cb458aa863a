using System.Text.Json;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>Loads and validates config/risk-table.json. Reports every problem (file, entry id, field) at once.</summary>
public static class RiskTableLoader
{
    private const string CloudTrailKind = "cloudtrail";
    private const string GuardDutyKind = "guardduty";
    private const string FromFinding = "fromFinding";

    // CloudTrail's userIdentity.type values, spelt as CloudTrail spells them (EventBridge matches them exactly).
    private static readonly string[] UserIdentityTypeNames =
        ["Root", "IAMUser", "AssumedRole", "FederatedUser", "AWSAccount", "AWSService", "IdentityCenterUser", "SAMLUser", "WebIdentityUser", "Unknown"];

    // Unknown fields are errors, as in the exemption list: a misspelt "when" would turn a narrow entry into one for
    // every call of its names, and placed before the shipped entry for the same call it would decide all of them.
    private static readonly string[] TableFields = ["$schema", "minimumSeverity", "defaultDedupWindowMinutes", "lowerFailedCallsBy", "rules"];
    private static readonly string[] RuleFields =
    [
        "id", "kind", "eventSource", "eventNames", "userIdentityTypes", "findingTypes", "when", "severity", "raise", "title", "why", "next",
        "references", "dedupWindowMinutes", "target", "readOnly", "mitre", "specifics", "threshold", "errorCodes",
    ];

    private static readonly string[] RaiseFields = ["when", "by", "because"];

    /// <summary>Parses the table, or throws <see cref="ConfigException"/> listing every error.</summary>
    public static RiskTable Load(ReadOnlySpan<byte> json, string file)
    {
        var (table, errors) = TryLoad(json, file);
        return table ?? throw new ConfigException(errors);
    }

    /// <summary>Parses the table and returns it (null when there are errors) with all errors and warnings.</summary>
    public static (RiskTable? Table, List<ConfigError> Errors) TryLoad(ReadOnlySpan<byte> json, string file)
    {
        var errors = new List<ConfigError>();
        JsonDocument document;
        try
        {
            // A name given twice would let the table show one condition and apply another (the parser keeps the last).
            document = JsonDocument.Parse(json.ToArray(),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            errors.Add(new ConfigError(file, null, "(file)", $"not valid JSON: {ex.Message}"));
            return (null, errors);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ConfigError(file, null, "(root)", "must be an object with a 'rules' array"));
                return (null, errors);
            }

            UnknownFields(root, TableFields, file, null, "", errors);
            var minimum = Severity.Medium;
            if (JsonRead.Prop(root, "minimumSeverity") is { } minText)
            {
                if (SeverityExtensions.TryParse(JsonRead.ScalarText(minText), out var parsed))
                {
                    minimum = parsed.Value;
                }
                else
                {
                    errors.Add(new ConfigError(file, null, "minimumSeverity", $"'{minText}' is not one of Critical, High, Medium, Low, Informational"));
                }
            }

            var defaultWindow = Minutes(root, "defaultDedupWindowMinutes", file, null, errors) ?? 60;
            var lowerFailed = (int)(Minutes(root, "lowerFailedCallsBy", file, null, errors) ?? 1);
            if (JsonRead.Arr(root, "rules") is not { } rulesArray)
            {
                errors.Add(new ConfigError(file, null, "rules", "missing or not an array"));
                return (null, errors);
            }

            var rules = new List<RiskRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in rulesArray.EnumerateArray())
            {
                var rule = ParseRule(element, index++, file, defaultWindow, errors);
                if (rule is null)
                {
                    continue;
                }

                if (!ids.Add(rule.Id))
                {
                    errors.Add(new ConfigError(file, rule.Id, "id", "duplicate id: every entry needs its own"));
                    continue;
                }

                rules.Add(rule);
            }

            var fatal = errors.Exists(e => !e.IsWarning);
            return (fatal ? null : new RiskTable(rules, minimum, lowerFailed), errors);
        }
    }

    private static RiskRule? ParseRule(JsonElement e, int index, string file, double defaultWindow, List<ConfigError> errors)
    {
        var before = errors.Count;
        var id = JsonRead.Prop(e, "id") is { ValueKind: JsonValueKind.String } idValue && idValue.GetString() is { Length: > 0 } text ? text : null;
        if (id is null)
        {
            errors.Add(new ConfigError(file, $"rules[{index}]", "id", "missing or empty"));
            return null;
        }

        UnknownFields(e, RuleFields, file, id, "", errors);
        var kind = JsonRead.Str(e, "kind");
        if (kind is not (CloudTrailKind or GuardDutyKind))
        {
            errors.Add(new ConfigError(file, id, "kind", $"must be '{CloudTrailKind}' or '{GuardDutyKind}'"));
        }

        string? Required(string field)
        {
            if (JsonRead.Prop(e, field) is { ValueKind: JsonValueKind.String } v && !string.IsNullOrWhiteSpace(v.GetString()))
            {
                return v.GetString();
            }

            errors.Add(new ConfigError(file, id, field, "missing or empty"));
            return null;
        }

        var title = Required("title");
        var why = Required("why");
        var next = Required("next");
        var severityText = Required("severity");
        Severity? severity = null;
        if (severityText is not null && severityText != FromFinding)
        {
            if (SeverityExtensions.TryParse(severityText, out var s))
            {
                severity = s;
            }
            else
            {
                errors.Add(new ConfigError(file, id, "severity", $"'{severityText}' is not one of Critical, High, Medium, Low, Informational, {FromFinding}"));
            }
        }

        var eventNames = StringList(e, "eventNames", file, id, errors) ?? [];
        var findingTypes = StringList(e, "findingTypes", file, id, errors) ?? [];
        var identityTypes = IdentityTypes(e, file, id, errors);
        string? eventSource = null;
        var errorCodes = StringList(e, "errorCodes", file, id, errors) ?? [];
        var threshold = ThresholdLoader.Parse(e, kind == CloudTrailKind, file, id, errors);
        if (threshold is null && errorCodes.Count > 0)
        {
            errors.Add(new ConfigError(file, id, "errorCodes", "applies to threshold rules only (a 'threshold' object)"));
        }

        if (threshold is not null && eventNames.Count == 0)
        {
            // Counting every failed call, whatever it was: no eventSource narrows it, the errorCodes do.
            if (errorCodes.Count == 0)
            {
                errors.Add(new ConfigError(file, id, "eventNames", "a threshold rule needs eventNames (with eventSource), or errorCodes to count every call failing with them"));
            }

            if (JsonRead.Prop(e, "eventSource") is not null)
            {
                errors.Add(new ConfigError(file, id, "eventSource", "a threshold rule without eventNames counts calls of every eventSource: remove eventSource, or list eventNames"));
            }
        }
        else if (kind == CloudTrailKind && eventNames.Count == 0 && identityTypes.Count > 0)
        {
            // Every call of these identities: naming one service would hide the others.
            if (JsonRead.Prop(e, "eventSource") is not null)
            {
                errors.Add(new ConfigError(file, id, "eventSource", "an entry without eventNames covers every call of its userIdentityTypes, from every eventSource: remove eventSource, or list eventNames"));
            }
        }
        else if (kind == CloudTrailKind)
        {
            eventSource = Required("eventSource");
            if (eventNames.Count == 0)
            {
                errors.Add(new ConfigError(file, id, "eventNames", "a cloudtrail entry needs at least one eventName (or userIdentityTypes alone, to cover every call of those identities)"));
            }

            if (severityText == FromFinding)
            {
                errors.Add(new ConfigError(file, id, "severity", $"'{FromFinding}' applies to guardduty entries only"));
            }
        }
        else if (kind == GuardDutyKind && findingTypes.Count == 0)
        {
            errors.Add(new ConfigError(file, id, "findingTypes", "a guardduty entry needs at least one finding type pattern"));
        }

        if (kind == GuardDutyKind && identityTypes.Count > 0)
        {
            errors.Add(new ConfigError(file, id, "userIdentityTypes", "applies to cloudtrail entries only"));
        }

        var mitre = MitreLoader.Parse(JsonRead.Prop(e, "mitre"), file, id, errors);
        var specifics = SpecificParser.Parse(JsonRead.Prop(e, "specifics"), file, id, errors);

        var when = JsonRead.Prop(e, "when") is { } w ? ConditionParser.Parse(w, file, id, "when", errors) : null;
        var raises = new List<SeverityRaise>();
        if (JsonRead.Arr(e, "raise") is { } raiseArray)
        {
            var i = 0;
            foreach (var r in raiseArray.EnumerateArray())
            {
                var field = $"raise[{i++}]";
                UnknownFields(r, RaiseFields, file, id, field + ".", errors);
                var condition = JsonRead.Prop(r, "when") is { } rw ? ConditionParser.Parse(rw, file, id, field + ".when", errors) : null;
                var levels = JsonRead.Num(r, "by") ?? 1;
                var because = JsonRead.Str(r, "because");
                if (condition is null || because is null || levels is < 1 or > 4)
                {
                    errors.Add(new ConfigError(file, id, field, "needs 'when', 'because' and 'by' between 1 and 4"));
                    continue;
                }

                raises.Add(new SeverityRaise(condition, (int)levels, because));
            }
        }

        var target = JsonRead.Str(e, "target") is { } targetText ? new JsonPath(targetText) : null;
        if (target is { IsValid: false })
        {
            errors.Add(new ConfigError(file, id, "target", "not a valid dotted path"));
        }

        var window = Minutes(e, "dedupWindowMinutes", file, id, errors) ?? defaultWindow;
        if (errors.Skip(before).Any(error => !error.IsWarning) || title is null || why is null || next is null)
        {
            return null;
        }

        return new RiskRule
        {
            Id = id,
            Kind = kind == GuardDutyKind ? RuleKind.GuardDuty : RuleKind.CloudTrail,
            EventSource = eventSource,
            EventNames = eventNames,
            UserIdentityTypes = identityTypes,
            FindingTypes = findingTypes,
            When = when,
            Severity = severity,
            Raise = raises,
            Title = title,
            Why = why,
            Next = next,
            References = StringList(e, "references", file, id, errors) ?? [],
            DedupWindow = TimeSpan.FromMinutes(window),
            Target = target,
            ReadOnlyCalls = JsonRead.Bool(e, "readOnly") == true,
            Mitre = mitre,
            Specifics = specifics,
            Threshold = threshold,
            ErrorCodes = errorCodes,
        };
    }

    private static void UnknownFields(JsonElement element, string[] known, string file, string? id, string prefix, List<ConfigError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject().Where(p => Array.IndexOf(known, p.Name) < 0))
        {
            errors.Add(new ConfigError(file, id, prefix + property.Name, $"unknown field{FieldSuggestion.DidYouMean(property.Name, known)}; expected one of {string.Join(", ", known)}"));
        }
    }

    private static List<string> IdentityTypes(JsonElement e, string file, string id, List<ConfigError> errors)
    {
        var types = StringList(e, "userIdentityTypes", file, id, errors) ?? [];
        foreach (var type in types.Where(t => Array.IndexOf(UserIdentityTypeNames, t) < 0))
        {
            errors.Add(new ConfigError(file, id, "userIdentityTypes", $"'{type}' is not a CloudTrail userIdentity type ({string.Join(", ", UserIdentityTypeNames)})"));
        }

        return types;
    }

    private static List<string>? StringList(JsonElement e, string field, string file, string id, List<ConfigError> errors)
    {
        if (JsonRead.Prop(e, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || ConditionParser.Strings(value) is not { } list
            || list.Exists(string.IsNullOrWhiteSpace) || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            errors.Add(new ConfigError(file, id, field, "must be an array of non-empty strings"));
            return null;
        }

        return list;
    }

    private static double? Minutes(JsonElement e, string field, string file, string? id, List<ConfigError> errors)
    {
        if (JsonRead.Prop(e, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < 0 || number > 10080)
        {
            errors.Add(new ConfigError(file, id, field, "must be a number from 0 to 10080"));
            return null;
        }

        return number;
    }
}
