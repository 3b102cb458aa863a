using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

public class RiskTableTests
{
    private static readonly RiskTable Table = TestPolicy.Table();

    private static string SignIn(string identity, string result, string mfa) => Json.ApiCall("ConsoleLogin", "signin.amazonaws.com", identity,
        $$""","additionalEventData":{"MFAUsed":"{{mfa}}"},"responseElements":{"ConsoleLogin":"{{result}}"}""");

    public static TheoryData<string, string, Severity> SignIns => new()
    {
        { SignIn("""{"type":"Root","accountId":"111122223333"}""", "Success", "Yes"), "signin-root", Severity.Critical },
        { SignIn("""{"type":"Root","accountId":"111122223333"}""", "Failure", "No"), "signin-root", Severity.Critical },
        { SignIn(Json.IamUser, "Failure", "No"), "signin-failed", Severity.Low },
        { SignIn(Json.IamUser, "Success", "Yes"), "signin", Severity.Medium },
        { SignIn(Json.IamUser, "Success", "No"), "signin", Severity.High },
        { SignIn(Json.AssumedRole("AWSReservedSSO_Admin_1", "jo"), "Success", "No"), "signin", Severity.Medium },
    };

    [Theory]
    [MemberData(nameof(SignIns))]
    public void Match_WhenConsoleLogin_ShouldApplyFirstMatchingRuleAndRaises(string json, string rule, Severity severity)
    {
        var match = Table.Match(Json.Valid(json));

        Assert.NotNull(match);
        Assert.Equal(rule, match.Rule.Id);
        Assert.Equal(severity, match.Severity);
    }

    private static string Ingress(string cidr, int from, int to) => Json.ApiCall("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", Json.IamUser,
        $$$""","requestParameters":{"groupId":"sg-1","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":443,"toPort":443,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}},{"ipProtocol":"tcp","fromPort":{{{from}}},"toPort":{{{to}}},"ipRanges":{"items":[{"cidrIp":"{{{cidr}}}"}]}}]}}""");

    [Theory]
    [InlineData("0.0.0.0/0", 22, 22, "sg-world-admin")]
    [InlineData("0.0.0.0/0", 3000, 4000, "sg-world-admin")]
    [InlineData("10.0.0.0/8", 22, 22, "sg-world")]
    public void Match_WhenIngress_ShouldKeepCidrAndPortOfOnePermissionTogether(string cidr, int from, int to, string rule) =>
        Assert.Equal(rule, Table.Match(Json.Valid(Ingress(cidr, from, to)))?.Rule.Id);

    [Fact]
    public void Match_WhenCallFailed_ShouldLowerOneLevelAndSayWhy()
    {
        var match = Table.Match(Json.Valid(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ""","errorCode":"AccessDenied" """)));

        Assert.Equal(Severity.Medium, match?.Severity);
        Assert.Contains(match!.Notes, n => n.Contains("AccessDenied", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_WhenEventSourceDiffers_ShouldNotMatch() =>
        Assert.Null(Table.Match(Json.Valid(Json.ApiCall("StopLogging", "evil.example.com", Json.IamUser))));

    [Theory]
    [InlineData(0.5, Severity.Low)]
    [InlineData(3.9, Severity.Low)]
    [InlineData(4.0, Severity.Medium)]
    [InlineData(6.9, Severity.Medium)]
    [InlineData(7.0, Severity.High)]
    [InlineData(8.9, Severity.High)]
    [InlineData(9.0, Severity.Critical)]
    [InlineData(10, Severity.Critical)]
    public void Match_WhenGuardDutyFinding_ShouldUseScoreBand(double score, Severity expected) =>
        Assert.Equal(expected, Table.Match(Json.Valid(Json.Finding("Recon:EC2/Portscan", score)))?.Severity);

    [Fact]
    public void CoversEventName_WhenTableLoaded_ShouldKnowEveryCloudTrailName()
    {
        Assert.True(Table.CoversEventName("ConsoleLogin"));
        Assert.False(Table.CoversEventName("DescribeInstances"));
    }
}
