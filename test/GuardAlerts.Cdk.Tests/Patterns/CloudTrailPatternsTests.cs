using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Testing.Routing;

namespace GuardAlerts.Cdk.Tests.Patterns;

public sealed class CloudTrailPatternsTests
{
    [Fact]
    public void ApiCallRules_WhenTheTableOutgrowsOnePattern_ShouldSplitIntoRulesWithinTheQuota()
    {
        var table = RiskTables.Large(300);

        var rules = CloudTrailPatterns.ApiCallRules(table);

        Assert.True(rules.Count > 2, $"expected several rules, got {rules.Count}");
        Assert.All(rules, r => Assert.True(PatternSize.Of(r.Pattern()) <= PatternSize.Budget));
        Assert.All(rules, r => Assert.True(System.Text.Json.JsonSerializer.Serialize(r.Pattern()).Length <= PatternSize.QuotaChars));
        var names = rules.SelectMany(r => r.EventNames).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.SelectMany(p => p.Value).ToList());
        Assert.Equal(["ec2.amazonaws.com", "iam.amazonaws.com"], names.Keys.Order(StringComparer.Ordinal));
        Assert.All(names.Values, n => Assert.Equal(300, n.Distinct().Count()));
        Assert.All(names.Values, n => Assert.Equal(300, n.Count));
    }

    [Fact]
    public void SignInRules_ShouldHoldOnlySignInEvents()
    {
        var rules = CloudTrailPatterns.SignInRules(RiskTables.Large(10));

        var rule = Assert.Single(rules);
        Assert.Equal(CloudTrailPatterns.SignInDetailType, rule.DetailType);
        Assert.Equal(["signin.amazonaws.com"], rule.EventNames.Keys);
    }

    [Fact]
    public void ApiCallRules_ShouldPutReadOnlyCallsInRulesOfTheirOwn()
    {
        var rules = CloudTrailPatterns.ApiCallRules(RiskTables.WithReadOnlyRule());

        var readOnly = Assert.Single(rules, r => r.ReadOnlyCalls && r.EventNames.ContainsKey("s3.amazonaws.com"));
        Assert.Equal(["GetBucketPolicy", "ListBuckets"], readOnly.EventNames["s3.amazonaws.com"]);
        Assert.DoesNotContain(rules.Where(r => !r.ReadOnlyCalls), r => r.EventNames.TryGetValue("s3.amazonaws.com", out var n) && n.Contains("ListBuckets"));
    }

    [Fact]
    public void PatternSize_ShouldEqualTheCompactJsonLength()
    {
        var pattern = CloudTrailPatterns.ApiCallRules(RiskTables.Repo())[0].Pattern();

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(pattern).Length, PatternSize.Of(pattern));
    }

    [Theory]
    [InlineData("Root", "cloudtrail.amazonaws.com", "StopLogging", 1)]
    [InlineData("IAMUser", "cloudtrail.amazonaws.com", "StopLogging", 1)]
    [InlineData("Root", "s3.amazonaws.com", "CreateBucket", 1)]
    [InlineData("IAMUser", "s3.amazonaws.com", "CreateBucket", 0)]
    [InlineData(null, "cloudtrail.amazonaws.com", "StopLogging", 1)]
    public void ApiCallRules_WhenAnEntryCoversEveryRootCall_ShouldDeliverEachCallOnce(string? identityType, string eventSource, string eventName, int expected)
    {
        // The repository's table: root-user-api-call covers every root call; cloudtrail-logging-stopped names StopLogging.
        var rules = CloudTrailPatterns.ApiCallRules(RiskTables.Repo());
        var identity = new JsonObject { ["accountId"] = "111122223333" };
        if (identityType is not null)
        {
            identity["type"] = identityType;
        }

        var call = new JsonObject
        {
            ["source"] = "aws." + eventSource.Split('.')[0],
            ["detail-type"] = CloudTrailPatterns.ApiCallDetailType,
            ["detail"] = new JsonObject { ["eventSource"] = eventSource, ["eventName"] = eventName, ["userIdentity"] = identity, ["readOnly"] = false },
        };

        var matching = rules.Where(r => !r.ReadOnlyCalls && EventPatternMatcher.Matches(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(r.Pattern()))!, call)).ToList();

        Assert.Equal(expected, matching.Count);
        Assert.Single(rules, r => r.EveryCallOf is ["Root"]);
    }
}
