using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Cdk.Tests.Support;

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

        var readOnly = Assert.Single(rules, r => r.ReadOnlyCalls);
        Assert.Equal(["GetBucketPolicy", "ListBuckets"], readOnly.EventNames["s3.amazonaws.com"]);
        Assert.DoesNotContain(rules.Where(r => !r.ReadOnlyCalls), r => r.EventNames.TryGetValue("s3.amazonaws.com", out var n) && n.Contains("ListBuckets"));
    }

    [Fact]
    public void PatternSize_ShouldEqualTheCompactJsonLength()
    {
        var pattern = CloudTrailPatterns.ApiCallRules(RiskTables.Repo())[0].Pattern();

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(pattern).Length, PatternSize.Of(pattern));
    }
}
