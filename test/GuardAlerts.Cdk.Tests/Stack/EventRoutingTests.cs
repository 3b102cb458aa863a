using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>The rules feeding the functions: generated from the risk table, in every region, within the size quota.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class EventRoutingTests(CdkSynthFixture synth, InProcessStacksFixture inProcess)
{
    private const string ApiCall = "AWS API Call via CloudTrail";
    private const string SignIn = "AWS Console Sign In via CloudTrail";

    [Fact]
    public void GuardDutyRule_ShouldFilterOnTheLowestScoreThatCanAlert()
    {
        // The table's minimum is Medium and no GuardDuty rule raises severity: Medium's band starts at 4.0.
        synth.Template("us-east-1").HasResourceProperties("AWS::Events::Rule", new Dictionary<string, object>
        {
            ["EventPattern"] = new Dictionary<string, object>
            {
                ["source"] = new[] { "aws.guardduty" },
                ["detail-type"] = new[] { "GuardDuty Finding" },
                ["detail"] = new Dictionary<string, object>
                {
                    ["severity"] = new object[] { new Dictionary<string, object> { ["numeric"] = new object[] { ">=", 4 } } },
                },
            },
            ["State"] = "ENABLED",
        });
    }

    [Fact]
    public void GuardDutyRule_ShouldTargetTheGuardDutyFunction()
    {
        var json = synth.Json("us-east-1");
        var rule = CloudTrailFunctionRules(json, "aws.guardduty").Single();
        Assert.Equal(FunctionId(json, "guardduty"), TemplateJson.GetAttTarget(rule["Targets"]![0]!["Arn"]));
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void CloudTrailRules_ShouldMatchExactlyTheRiskTablesEventNames(string region)
    {
        var json = synth.Json(region);
        var generated = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var everyCall = new List<string>();
        var count = 0;
        var refusals = 0;
        foreach (var rule in FunctionRules(json, "cloudtrail"))
        {
            foreach (var clause in TemplateJson.DetailClauses(rule["EventPattern"]!.AsObject()))
            {
                if (clause["errorCode"] is not null && clause["eventName"]?[0] is not JsonValue)
                {
                    // Refused calls counted by a threshold rule, whatever their name (ThresholdPatternsTests reads them).
                    refusals++;
                    continue;
                }

                if (clause["eventSource"] is null)
                {
                    // Every call of an identity (the root user): matched by its userIdentity type alone.
                    everyCall.AddRange(TemplateJson.Strings(clause["userIdentity"]?["type"]));
                    continue;
                }

                var source = Assert.Single(TemplateJson.Strings(clause["eventSource"]));
                var names = TemplateJson.Strings(clause["eventName"]);
                // A narrowed name's clauses split its calls by errorCode (none, refused with a counted code, any
                // other), so each call matches one of them: the one without an errorCode stands for them all.
                count += clause["errorCode"] is null || clause["errorCode"]![0] is JsonObject { } only && only.ContainsKey("exists") ? names.Count : 0;
                if (!generated.TryGetValue(source, out var set))
                {
                    generated[source] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.UnionWith(names);
            }
        }

        var expected = RiskTables.ExpectedEventNames(RiskTables.RepoJson());
        Assert.Equal(expected.Keys, generated.Keys);
        foreach (var (source, names) in expected)
        {
            Assert.Equal(names, generated[source]);
        }

        // Each (source, name) once: no rule invokes the function twice for one event.
        Assert.Equal(expected.Values.Sum(v => v.Count), count);
        Assert.Equal(RiskTables.Repo().EveryCallIdentityTypes.Order(StringComparer.Ordinal), everyCall.Order(StringComparer.Ordinal));
        Assert.True(refusals > 0, "the synth deploys the threshold rules on read-only calls (countReadOnlyCalls=true): refused calls need their rules");
    }

    [Fact]
    public void CloudTrailRules_ShouldMatchOnlyEventsAwsSent()
    {
        foreach (var rule in FunctionRules(synth.Json("us-east-1"), "cloudtrail"))
        {
            var pattern = rule["EventPattern"]!;
            var detailType = Assert.Single(TemplateJson.Strings(pattern["detail-type"]));
            if (detailType == SignIn)
            {
                Assert.Equal(["aws.signin"], TemplateJson.Strings(pattern["source"]));
            }
            else
            {
                Assert.Equal(ApiCall, detailType);
                Assert.Equal("""{"prefix":"aws."}""", Assert.Single(TemplateJson.Strings(pattern["source"])));
            }
        }
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void EveryRule_ShouldFitEventBridgesPatternSizeQuota(string region)
    {
        foreach (var (id, rule) in TemplateJson.Resources(synth.Json(region), "AWS::Events::Rule"))
        {
            if (rule["EventPattern"] is { } pattern)
            {
                Assert.True(pattern.ToJsonString().Length <= 2048, $"{id}: pattern of {pattern.ToJsonString().Length} characters");
            }
        }
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void SignInRule_ShouldBeInEveryRegionsStack(string region)
    {
        AssertHasSignInRule(synth.Template(region));
    }

    [Fact]
    public void SignInRule_ShouldBeInTheDefaultRegionsStack()
    {
        AssertHasSignInRule(inProcess.DefaultsTemplate);
    }

    [Fact]
    public void CloudTrailRules_ShouldReceiveReadOnlyCallsOnlyWhereTheTableMarksThem()
    {
        // Read from the file, not through the generator: (eventSource, eventName) of the entries marked readOnly.
        var readOnlyCalls = RiskTables.RepoJson()["rules"]!.AsArray()
            .Where(r => (string?)r!["kind"] == "cloudtrail" && r["readOnly"] is JsonValue v && v.GetValue<bool>())
            .Where(r => r!["eventNames"] is not null)
            .SelectMany(r => r!["eventNames"]!.AsArray().Select(n => ((string)r["eventSource"]!, (string)n!)))
            .ToHashSet();
        // The refused calls a threshold rule counts whatever their name are read-only calls too (ListUsers refused).
        var refusalsReadOnly = RiskTables.RepoJson()["rules"]!.AsArray()
            .Any(r => r!["errorCodes"] is not null && r["eventNames"] is null && r["readOnly"] is JsonValue v && v.GetValue<bool>());
        Assert.All(FunctionRules(synth.Json("us-east-1"), "cloudtrail"), r =>
        {
            var clauses = TemplateJson.DetailClauses(r["EventPattern"]!.AsObject()).ToList();
            var calls = clauses.Where(c => c["errorCode"] is null)
                .SelectMany(c => TemplateJson.Strings(c["eventName"]).Select(n => (TemplateJson.Strings(c["eventSource"]).Single(), n)));
            var readOnly = calls.Any(readOnlyCalls.Contains) || (refusalsReadOnly && clauses.Exists(c => c["errorCode"] is not null));
            Assert.Equal(readOnly ? "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" : "ENABLED", (string)r["State"]!);
        });
    }

    [Fact]
    public void CloudTrailRules_WithReadOnlyCalls_ShouldReceiveAllManagementEvents()
    {
        var json = inProcess.ReadOnlyJson;
        var readOnly = FunctionRules(json, "cloudtrail")
            .Where(r => (string?)r["State"] == "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
            .ToList();
        var clause = Assert.Single(readOnly.SelectMany(r => TemplateJson.DetailClauses(r["EventPattern"]!.AsObject())),
            c => c["errorCode"] is null && TemplateJson.Strings(c["eventSource"]).Contains("s3.amazonaws.com"));
        Assert.Equal(["s3.amazonaws.com"], TemplateJson.Strings(clause["eventSource"]));
        Assert.Equal(["GetBucketPolicy", "ListBuckets"], TemplateJson.Strings(clause["eventName"]));
        // Write calls stay in rules of their own, in the default state.
        Assert.Contains(FunctionRules(json, "cloudtrail"), r => (string?)r["State"] == "ENABLED");
    }

    private static void AssertHasSignInRule(Template template) =>
        template.HasResourceProperties("AWS::Events::Rule", new Dictionary<string, object>
        {
            ["EventPattern"] = new Dictionary<string, object>
            {
                ["source"] = new[] { "aws.signin" },
                ["detail-type"] = new[] { SignIn },
                ["detail"] = new Dictionary<string, object>
                {
                    ["eventSource"] = new[] { "signin.amazonaws.com" },
                    ["eventName"] = new[] { "ConsoleLogin" },
                },
            },
        });

    private static string FunctionId(JsonNode json, string handler) =>
        TemplateJson.Resources(json, "AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == handler).Id;

    /// <summary>The rules whose targets include the function with this handler, other than the heartbeat schedule.</summary>
    internal static IEnumerable<JsonObject> FunctionRules(JsonNode json, string handler)
    {
        var function = FunctionId(json, handler);
        return TemplateJson.Resources(json, "AWS::Events::Rule")
            .Select(r => r.Properties)
            .Where(r => r["EventPattern"] is not null)
            .Where(r => r["Targets"]!.AsArray().Any(t => TemplateJson.GetAttTarget(t!["Arn"]) == function));
    }

    private static IEnumerable<JsonObject> CloudTrailFunctionRules(JsonNode json, string source) =>
        TemplateJson.Resources(json, "AWS::Events::Rule")
            .Select(r => r.Properties)
            .Where(r => r["EventPattern"] is { } p && TemplateJson.Strings(p["source"]).Contains(source));
}
