using System.Text;
using System.Text.Json.Nodes;
using GuardAlerts.Core.Rules;
using GuardAlerts.Testing;

namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>The repository's risk table, and variants of it built in memory.</summary>
public static class RiskTables
{
    public static string RepoPath => Path.Combine(RepoPaths.Root, "config", "risk-table.json");

    public static RiskTable Repo() => RiskTableLoader.Load(File.ReadAllBytes(RepoPath), RepoPath);

    /// <summary>The raw file: the tests compute what they expect from it, not through the generator.</summary>
    public static JsonNode RepoJson() => JsonNode.Parse(File.ReadAllText(RepoPath))!;

    /// <summary>eventSource to eventNames of the file's CloudTrail rules, read straight from the JSON.</summary>
    public static SortedDictionary<string, SortedSet<string>> ExpectedEventNames(JsonNode table)
    {
        var expected = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        // An entry without eventSource covers every call of its userIdentityTypes: it names no eventName.
        foreach (var rule in table["rules"]!.AsArray().Where(r => (string?)r!["kind"] == "cloudtrail" && r["eventSource"] is not null))
        {
            var source = (string)rule!["eventSource"]!;
            if (!expected.TryGetValue(source, out var names))
            {
                expected[source] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.UnionWith(rule["eventNames"]!.AsArray().Select(n => (string)n!));
        }

        return expected;
    }

    /// <summary>The repository's table plus a read-only rule (s3 ListBuckets, GetBucketPolicy).</summary>
    public static RiskTable WithReadOnlyRule()
    {
        var json = RepoJson();
        json["rules"]!.AsArray().Insert(0, JsonNode.Parse("""
            {
              "id": "test-s3-bucket-listing",
              "kind": "cloudtrail",
              "eventSource": "s3.amazonaws.com",
              "eventNames": ["ListBuckets", "GetBucketPolicy"],
              "readOnly": true,
              "severity": "Medium",
              "title": "Bucket listing",
              "why": "A test rule for read-only calls.",
              "next": "Nothing: a test."
            }
            """));
        return RiskTableLoader.Load(Encoding.UTF8.GetBytes(json.ToJsonString()), "risk-table-with-read-only.json");
    }

    /// <summary>A table with many eventNames for one source: more than one pattern holds.</summary>
    public static RiskTable Large(int names)
    {
        var rules = new JsonArray();
        foreach (var source in new[] { "ec2.amazonaws.com", "iam.amazonaws.com", "signin.amazonaws.com" })
        {
            var eventNames = new JsonArray(Enumerable.Range(0, names).Select(i => (JsonNode)$"SomeRatherLongApiOperationName{i:D4}").ToArray());
            rules.Add(new JsonObject
            {
                ["id"] = "large-" + source.Split('.')[0],
                ["kind"] = "cloudtrail",
                ["eventSource"] = source,
                ["eventNames"] = eventNames,
                ["severity"] = "High",
                ["title"] = "Large",
                ["why"] = "Size test.",
                ["next"] = "Nothing.",
            });
        }

        var table = new JsonObject { ["rules"] = rules };
        return RiskTableLoader.Load(Encoding.UTF8.GetBytes(table.ToJsonString()), "large.json");
    }
}
