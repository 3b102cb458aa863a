using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Testing.Routing;

namespace GuardAlerts.Cdk.Tests.Patterns;

/// <summary>
/// The EventBridge rules generated for the repository's threshold rules, read by the documented matcher: only the
/// calls a rule counts are delivered (GetParameter only with decryption, DescribeInstanceAttribute only userData),
/// each refused call exactly once, and the rules on read-only calls only with countReadOnlyCalls=true.
/// </summary>
public sealed class ThresholdPatternsTests
{
    private static readonly DeploymentSettings OptedIn = new() { CountReadOnlyCalls = true, AllowNoSubscribers = true };

    [Theory]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/db/password","withDecryption":true}""", null, 1)]
    [InlineData("ssm.amazonaws.com", "GetParameters", """{"names":["/a","/b"],"withDecryption":true}""", null, 1)]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/app/setting","withDecryption":false}""", null, 0)]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/app/setting"}""", null, 0)]
    [InlineData("ec2.amazonaws.com", "DescribeInstanceAttribute", """{"instanceId":"i-1","attribute":"userData"}""", null, 1)]
    [InlineData("ec2.amazonaws.com", "DescribeInstanceAttribute", """{"instanceId":"i-1","attribute":"instanceType"}""", null, 0)]
    [InlineData("secretsmanager.amazonaws.com", "GetSecretValue", """{"secretId":"s"}""", null, 1)]
    [InlineData("ec2.amazonaws.com", "GetPasswordData", """{"instanceId":"i-1"}""", null, 1)]
    [InlineData("iam.amazonaws.com", "ListUsers", "null", "AccessDenied", 1)]
    [InlineData("ec2.amazonaws.com", "DescribeInstances", "null", "Client.UnauthorizedOperation", 1)]
    [InlineData("kms.amazonaws.com", "ListKeys", "null", "AccessDeniedException", 1)]
    [InlineData("iam.amazonaws.com", "ListUsers", "null", "Throttling", 0)]
    [InlineData("iam.amazonaws.com", "ListUsers", "null", null, 0)]
    [InlineData("iam.amazonaws.com", "CreateUser", """{"userName":"x"}""", "AccessDenied", 1)]
    [InlineData("ec2-instance-connect.amazonaws.com", "SendSSHPublicKey", """{"instanceId":"i-1"}""", "AccessDenied", 1)]
    // Refused calls of the narrowed names, outside and inside the filter: counted as refusals, so delivered once.
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/app/setting"}""", "AccessDeniedException", 1)]
    [InlineData("ssm.amazonaws.com", "GetParameters", """{"names":["/a","/b"],"withDecryption":false}""", "AccessDeniedException", 1)]
    [InlineData("ec2.amazonaws.com", "DescribeInstanceAttribute", """{"instanceId":"i-1","attribute":"instanceType"}""", "Client.UnauthorizedOperation", 1)]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/db/password","withDecryption":true}""", "AccessDeniedException", 1)]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/db/password","withDecryption":true}""", "ParameterNotFound", 1)]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/app/setting"}""", "ParameterNotFound", 0)]
    public void ApiCallRules_WhenReadOnlyThresholdsAreDeployed_ShouldDeliverExactlyWhatTheyCountOnce(
        string eventSource, string eventName, string requestParameters, string? errorCode, int expected)
    {
        var rules = CloudTrailPatterns.ApiCallRules(GuardAlertsApp.Routed(RiskTables.Repo(), OptedIn));

        var matching = Matching(rules, Call(eventSource, eventName, requestParameters, errorCode, readOnly: true));

        Assert.Equal(expected, matching.Count);
        Assert.All(matching, r => Assert.True(r.ReadOnlyCalls || eventName is "CreateUser" or "SendSSHPublicKey"));
    }

    [Theory]
    [InlineData("secretsmanager.amazonaws.com", "GetSecretValue", """{"secretId":"s"}""", null)]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/db/password","withDecryption":true}""", null)]
    [InlineData("iam.amazonaws.com", "ListUsers", "null", "AccessDenied")]
    public void ApiCallRules_WithoutCountReadOnlyCalls_ShouldLeaveTheReadOnlyThresholdRulesOut(string eventSource, string eventName, string requestParameters, string? errorCode)
    {
        var rules = CloudTrailPatterns.ApiCallRules(GuardAlertsApp.Routed(RiskTables.Repo(), new DeploymentSettings { AllowNoSubscribers = true }));

        Assert.Empty(Matching(rules, Call(eventSource, eventName, requestParameters, errorCode, readOnly: true)));
        Assert.DoesNotContain(rules, r => r.ErrorCodes is { Count: > 0 });
    }

    [Fact]
    public void ReadOnlyThresholdsLeftOut_WithoutCountReadOnlyCalls_ShouldNameEveryRuleItLeavesOut()
    {
        var table = RiskTables.Repo();

        var note = GuardAlertsApp.ReadOnlyThresholdsLeftOut(table, new DeploymentSettings { AllowNoSubscribers = true });

        Assert.NotNull(note);
        Assert.All(table.ThresholdRules.Where(r => r.ReadOnlyCalls), r => Assert.Contains(r.Id, note, StringComparison.Ordinal));
        Assert.Contains("-c countReadOnlyCalls=true", note, StringComparison.Ordinal);
        Assert.Null(GuardAlertsApp.ReadOnlyThresholdsLeftOut(table, OptedIn));
    }

    [Fact]
    public void ApiCallRules_ForTheInstanceSweeps_ShouldDeliverWriteCallsWithoutTheOptIn()
    {
        var rules = CloudTrailPatterns.ApiCallRules(GuardAlertsApp.Routed(RiskTables.Repo(), new DeploymentSettings { AllowNoSubscribers = true }));

        Assert.Single(Matching(rules, Call("ssm.amazonaws.com", "StartSession", """{"target":"i-1"}""", null, readOnly: false)));
        Assert.All(rules.Where(r => r.ErrorCodes is { Count: > 0 }), r => Assert.True(r.ReadOnlyCalls));
    }

    [Fact]
    public void ApiCallRules_ForRefusedCalls_ShouldStayWithinThePatternQuota()
    {
        var rules = CloudTrailPatterns.ApiCallRules(GuardAlertsApp.Routed(RiskTables.Repo(), OptedIn));

        var refused = rules.Where(r => r.ErrorCodes is { Count: > 0 }).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(PatternSize.Of(r.Pattern()) <= PatternSize.Budget));
    }

    private static List<CloudTrailRuleSpec> Matching(IEnumerable<CloudTrailRuleSpec> rules, JsonObject call) =>
        [.. rules.Where(r => EventPatternMatcher.Matches(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(r.Pattern()))!, call))];

    private static JsonObject Call(string eventSource, string eventName, string requestParameters, string? errorCode, bool readOnly)
    {
        var detail = new JsonObject
        {
            ["eventSource"] = eventSource,
            ["eventName"] = eventName,
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["accountId"] = "111122223333" },
            ["requestParameters"] = JsonNode.Parse(requestParameters),
            ["readOnly"] = readOnly,
        };
        if (errorCode is not null)
        {
            detail["errorCode"] = errorCode;
        }

        return new JsonObject
        {
            ["source"] = "aws." + eventSource.Split('.')[0],
            ["detail-type"] = CloudTrailPatterns.ApiCallDetailType,
            ["detail"] = detail,
        };
    }
}
