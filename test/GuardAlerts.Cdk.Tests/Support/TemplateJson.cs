using System.Text.Json.Nodes;

namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>Reading a synthesized template as JSON, for checks the assertion matchers cannot express (set equality).</summary>
public static class TemplateJson
{
    public static IEnumerable<(string Id, JsonObject Properties)> Resources(JsonNode template, string type) =>
        template["Resources"]!.AsObject()
            .Where(p => (string?)p.Value!["Type"] == type)
            .Select(p => (p.Key, p.Value!["Properties"]?.AsObject() ?? []));

    /// <summary>The logical id of one of the stack's topics: "Topic" (alerts), "Operations" or "Pager".</summary>
    public static string Topic(JsonNode template, string name) =>
        Resources(template, "AWS::SNS::Topic").Single(t => t.Id.StartsWith("Alerts" + name, StringComparison.Ordinal)).Id;

    /// <summary>The detail clauses of an event pattern: the "$or" alternatives, or the detail itself.</summary>
    public static IEnumerable<JsonObject> DetailClauses(JsonObject pattern)
    {
        var detail = pattern["detail"]?.AsObject();
        if (detail is null)
        {
            return [];
        }

        return detail["$or"] is JsonArray alternatives ? alternatives.Select(a => a!.AsObject()) : [detail];
    }

    public static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(Text).ToList(),
        _ => [Text(node)],
    };

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node!.ToJsonString();

    /// <summary>The service principals of a policy statement ("Principal": "*" has none).</summary>
    public static IReadOnlyList<string> Services(JsonNode statement) =>
        statement["Principal"] is JsonObject principal ? Strings(principal["Service"]) : [];

    /// <summary>The CloudFormation "Ref" target of a node, or null.</summary>
    public static string? Ref(JsonNode? node) => node is JsonObject o && o["Ref"] is JsonValue v ? (string)v! : null;

    /// <summary>The logical id of a Fn::GetAtt node, or null.</summary>
    public static string? GetAttTarget(JsonNode? node) => node is JsonObject o && o["Fn::GetAtt"] is JsonArray a ? (string)a[0]! : null;
}
