using System.Text.Json.Nodes;
using GuardAlerts.Core.Tests.Samples;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>
/// A policy condition that names a "who" key but lets everyone in anyway is no restriction. IAM and S3 accept each
/// of these documents, and each lets in every caller the unconditioned statement would: an IpAddress condition on
/// aws:SourceIp of 0.0.0.0/0 (addresses, not spellings: the same union the network rules compute), and a web
/// identity trust whose subject condition is a wildcard over every repository of the provider (GitHub's
/// "repo:*"). Rated like the unconditioned statement, on the shipped risk table.
/// </summary>
public class PolicyConditionEvasionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private const string AnyoneAssumes = """{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}""";

    private const string GitHub = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

    public static TheoryData<string, string> OpenTrustPolicies => new()
    {
        // The unconditioned statement: Critical (the shipped sample UpdateAssumeRolePolicy-anyone-url-encoded says so too).
        { "anyone, no condition", Trust(AnyoneAssumes) },
        { "anyone, from any IPv4 address", Trust(AnyoneAssumes.Replace("}", ""","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}""", StringComparison.Ordinal)) },
        { "anyone, from both halves of IPv4", Trust(AnyoneAssumes.Replace("}", ""","Condition":{"IpAddress":{"aws:SourceIp":["0.0.0.0/1","128.0.0.0/1"]}}}""", StringComparison.Ordinal)) },
    };

    [Theory]
    [MemberData(nameof(OpenTrustPolicies))]
    public void Match_WhenTrustPolicyLetsAnyoneInFromAnyAddress_ShouldBeCritical(string why, string policyDocument)
    {
        var match = Match("UpdateAssumeRolePolicy-other-account", "policyDocument", JsonValue.Create(policyDocument));

        Assert.True(match is { Severity: Severity.Critical }, $"{why}: {match?.Rule.Id} {match?.Severity}");
    }

    [Theory]
    [InlineData("repo:*")]
    [InlineData("*:*")]
    public void Match_WhenWebIdentityTrustAcceptsEveryRepository_ShouldBeRaised(string subject)
    {
        var statement = WebIdentity(subject);

        var match = Match("UpdateAssumeRolePolicy-other-account", "policyDocument", JsonValue.Create(Trust(statement)));

        // Without the sub condition the shipped sample UpdateAssumeRolePolicy-github-any-repository is High.
        Assert.True(match is { Severity: Severity.High }, $"sub '{subject}': {match?.Rule.Id} {match?.Severity}");
    }

    [Fact]
    public void Match_WhenWebIdentityTrustNamesOneRepository_ShouldStayMedium()
    {
        var statement = WebIdentity("repo:example-org/deploy:*");

        var match = Match("UpdateAssumeRolePolicy-other-account", "policyDocument", JsonValue.Create(Trust(statement)));

        Assert.Equal(Severity.Medium, match?.Severity);
    }

    [Fact]
    public void Match_WhenBucketPolicyLetsAnyoneInFromAnyAddress_ShouldBePublic()
    {
        var policy = JsonNode.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::example-org-marketing-assets/*","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}]}
            """);

        var match = Match("PutBucketPolicy-public-read", "bucketPolicy", policy);

        Assert.Equal(("s3-bucket-policy-public", Severity.High), (match?.Rule.Id, match?.Severity));
    }

    [Fact]
    public void Match_WhenBucketPolicyLimitsAnyoneToOneNetwork_ShouldNotBePublic()
    {
        // The condition the evasions imitate: a real network restriction still reads as one.
        var policy = JsonNode.Parse("""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
             "Resource":"arn:aws:s3:::example-org-marketing-assets/*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}
            """);

        var match = Match("PutBucketPolicy-public-read", "bucketPolicy", policy);

        Assert.Equal("s3-bucket-policy-changed", match?.Rule.Id);
    }

    private static string WebIdentity(string subject) =>
        "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + GitHub + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{"
        + "\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":\"sts.amazonaws.com\"},"
        + "\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"" + subject + "\"}}}";

    private static string Trust(string statement) => $$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""";

    private static Core.Rules.RuleMatch? Match(string sample, string parameter, JsonNode? value)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Events, "cloudtrail", sample + ".json")))!;
        node["detail"]!["requestParameters"]![parameter] = value;
        return SampleRun.LoadPolicy(Now).RiskTable.Match(Json.Valid(node.ToJsonString()));
    }
}
