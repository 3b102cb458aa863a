using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>
/// The shipped risk table decides network exposure on what the addresses are, not how they are written: every
/// security group, ModifySecurityGroupRules, network ACL, route and DB security group shape here must get the rule
/// and severity its real reach deserves.
/// </summary>
public class NetworkExposureRulesTests
{
    private static readonly RiskTable Shipped = RiskTableLoader.Load(File.ReadAllBytes(Path.Combine(RepoPaths.Config, PolicyLoader.RiskTableFile)), PolicyLoader.RiskTableFile);

    private static (string? Rule, Severity? Severity) Decide(string eventName, string source, string detailExtra)
    {
        var match = Shipped.Match(Json.Valid(Json.ApiCall(eventName, source, Json.IamUser, detailExtra)));
        return (match?.Rule.Id, match?.Severity);
    }

    private static string Permission(string protocol, int? from, int? to, string v4 = "", string v6 = "", string extra = "") =>
        "{\"ipProtocol\":\"" + protocol + "\"" + (from is null ? "" : ",\"fromPort\":" + from) + (to is null ? "" : ",\"toPort\":" + to)
        + ",\"groups\":{},\"ipRanges\":" + Items(v4, "cidrIp") + ",\"ipv6Ranges\":" + Items(v6, "cidrIpv6") + ",\"prefixListIds\":{}" + extra + "}";

    private static string Items(string cidrs, string field) => cidrs.Length == 0
        ? "{}"
        : "{\"items\":[" + string.Join(",", cidrs.Split(' ').Select(c => "{\"" + field + "\":\"" + c + "\"}")) + "]}";

    private static string Ingress(params string[] permissions) =>
        ",\"requestParameters\":{\"groupId\":\"sg-1\",\"ipPermissions\":{\"items\":[" + string.Join(",", permissions) + "]}}";

    private const string AdminRule = "vpc-security-group-world-admin-ports";
    private const string WorldRule = "vpc-security-group-world-ingress";
    private const string LowRule = "vpc-security-group-ingress";

    public static TheoryData<string, string, Severity> IngressCases => new()
    {
        { Ingress(Permission("tcp", 22, 22, "198.51.100.7/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("tcp", 22, 22, "0.0.0.0/1 128.0.0.0/1")), AdminRule, Severity.Critical },
        { Ingress(Permission("tcp", 22, 22, "0.0.0.0/1"), Permission("tcp", 20, 25, "128.0.0.0/1")), AdminRule, Severity.Critical },
        { Ingress(Permission("tcp", 22, 22, v6: "0::/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("tcp", 3389, 3389, v6: "::0/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("TCP", 22, 22, "0.0.0.0/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("6", 22, 22, "0.0.0.0/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("Udp", 3389, 3389, "0.0.0.0/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("-1", null, null, "0.0.0.0/0")), AdminRule, Severity.Critical },
        { Ingress(Permission("-1", -1, -1, v6: "0:0::/0")), AdminRule, Severity.Critical },
        // Every internet address can reach some port, but no admin port is reachable by all of them.
        { Ingress(Permission("tcp", 22, 22, "0.0.0.0/1"), Permission("tcp", 3389, 3389, "128.0.0.0/1")), WorldRule, Severity.High },
        { Ingress(Permission("icmp", 22, -1, "0.0.0.0/0")), WorldRule, Severity.High },
        { Ingress(Permission("icmpv6", -1, -1, v6: "::/0")), WorldRule, Severity.High },
        { Ingress(Permission("58", 22, 22, v6: "::/0")), WorldRule, Severity.High },
        { Ingress(Permission("tcp", 443, 443, "0.0.0.0/1")), WorldRule, Severity.High },
        { Ingress(Permission("tcp", 22, 22, "17.0.0.0/8")), WorldRule, Severity.High },
        { Ingress(Permission("tcp", 22, 22, v6: "2000::/12")), WorldRule, Severity.High },
        { Ingress(Permission("tcp", 22, 22, "10.0.0.0/9 10.128.0.0/9")), LowRule, Severity.Low },
        { Ingress(Permission("tcp", 22, 22, "10.0.0.0/7")), WorldRule, Severity.High },
        { Ingress(Permission("tcp", 22, 22, "203.0.113.0/24")), LowRule, Severity.Low },
        { Ingress(Permission("tcp", 22, 22, v6: "fd00::/8 2001:db8::/32")), LowRule, Severity.Low },
        { Ingress(Permission("tcp", 22, 22, extra: ",\"prefixListIds\":{\"items\":[{\"prefixListId\":\"pl-0123456789abcdef0\"}]}")), LowRule, Severity.Low },
        { Ingress(Permission("tcp", 22, 22).Replace("\"groups\":{}", "\"groups\":{\"items\":[{\"groupId\":\"sg-0bastion\",\"userId\":\"111122223333\"}]}", StringComparison.Ordinal)), LowRule, Severity.Low },
        // The flat form (CidrIp, IpProtocol, FromPort, ToPort without IpPermissions).
        { ",\"requestParameters\":{\"groupId\":\"sg-1\",\"cidrIp\":\"203.0.113.9/0\",\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22}", AdminRule, Severity.Critical },
        { ",\"requestParameters\":{\"groupId\":\"sg-1\",\"cidrIp\":\"0.0.0.0/0\",\"ipProtocol\":\"TCP\",\"fromPort\":3389,\"toPort\":3389}", AdminRule, Severity.Critical },
        { ",\"requestParameters\":{\"groupId\":\"sg-1\",\"cidrIp\":\"0.0.0.0/0\",\"ipProtocol\":\"tcp\",\"fromPort\":443,\"toPort\":443}", WorldRule, Severity.High },
        { ",\"requestParameters\":{\"groupId\":\"sg-1\",\"cidrIp\":\"10.0.0.0/8\",\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22}", LowRule, Severity.Low },
        // What AWS stored, when the request alone does not say it (its normalised securityGroupRuleSet).
        { Ingress(Permission("tcp", 22, 22)) + ",\"responseElements\":{\"_return\":true,\"securityGroupRuleSet\":{\"items\":[{\"isEgress\":false,\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"cidrIpv4\":\"0.0.0.0/0\"}]}}", AdminRule, Severity.Critical },
        { Ingress(Permission("tcp", 443, 443)) + ",\"responseElements\":{\"_return\":true,\"securityGroupRuleSet\":{\"items\":[{\"isEgress\":false,\"ipProtocol\":\"tcp\",\"fromPort\":443,\"toPort\":443,\"cidrIpv6\":\"::/0\"}]}}", WorldRule, Severity.High },
    };

    [Theory]
    [MemberData(nameof(IngressCases))]
    public void Match_WhenSecurityGroupIngress_ShouldDecideOnTheAddressesItReallyAdmits(string detailExtra, string rule, Severity severity) =>
        Assert.Equal((rule, severity), Decide("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", detailExtra));

    private static string Modify(params string[] rules) =>
        ",\"requestParameters\":{\"ModifySecurityGroupRulesRequest\":{\"GroupId\":\"sg-1\",\"SecurityGroupRule\":"
        + (rules.Length == 1 ? Rule(rules[0], 1) : "[" + string.Join(",", rules.Select((r, i) => Rule(r, i + 1))) + "]") + "}}";

    private static string Rule(string body, int tag) => "{\"SecurityGroupRuleId\":\"sgr-" + tag + "\",\"tag\":" + tag + ",\"SecurityGroupRule\":{" + body + "}}";

    public static TheoryData<string, Severity?> ModifyCases => new()
    {
        { Modify("\"CidrIpv4\":\"0.0.0.0/0\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22"), Severity.Critical },
        { Modify("\"CidrIpv4\":\"198.51.100.7/0\",\"IpProtocol\":\"TCP\",\"FromPort\":3389,\"ToPort\":3389"), Severity.Critical },
        { Modify("\"CidrIpv4\":\"0.0.0.0/1\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22", "\"CidrIpv4\":\"128.0.0.0/1\",\"IpProtocol\":\"6\",\"FromPort\":22,\"ToPort\":22"), Severity.Critical },
        { Modify("\"CidrIpv6\":\"::0/0\",\"IpProtocol\":\"-1\""), Severity.Critical },
        { Modify("\"CidrIpv6\":\"0::/0\",\"IpProtocol\":\"tcp\",\"FromPort\":443,\"ToPort\":443"), Severity.High },
        { Modify("\"CidrIpv4\":\"0.0.0.0/1\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22"), Severity.High },
        { Modify("\"CidrIpv4\":\"10.0.0.0/8\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22"), null },
        { Modify("\"PrefixListId\":\"pl-0123456789abcdef0\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22"), null },
        { Modify("\"ReferencedGroupId\":\"sg-0bastion\",\"IpProtocol\":\"-1\""), null },
        { Modify("\"CidrIpv4\":\"0.0.0.0/0\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22") + ",\"errorCode\":\"Client.DryRunOperation\"", null },
        { Modify("\"CidrIpv4\":\"0.0.0.0/0\",\"IpProtocol\":\"tcp\",\"FromPort\":22,\"ToPort\":22") + ",\"errorCode\":\"Client.UnauthorizedOperation\"", Severity.High },
    };

    [Theory]
    [MemberData(nameof(ModifyCases))]
    public void Match_WhenModifySecurityGroupRules_ShouldAlertWhenTheRuleNowAdmitsTheInternet(string detailExtra, Severity? severity)
    {
        var (rule, decided) = Decide("ModifySecurityGroupRules", "ec2.amazonaws.com", detailExtra);

        Assert.Equal(severity, decided);
        Assert.Equal(severity is null ? null : "vpc-security-group-rule-modified-to-internet", rule);
    }

    private static string AclEntry(string cidrField, string cidr, string action = "allow", bool egress = false) =>
        ",\"requestParameters\":{\"networkAclId\":\"acl-1\",\"ruleNumber\":100,\"egress\":" + (egress ? "true" : "false") + ",\"ruleAction\":\"" + action
        + "\",\"icmpTypeCode\":{},\"aclProtocol\":\"-1\",\"" + cidrField + "\":\"" + cidr + "\"}";

    [Theory]
    [InlineData("cidrBlock", "0.0.0.0/0", "allow", false, Severity.High)]
    [InlineData("cidrBlock", "198.51.100.7/0", "allow", false, Severity.High)]
    [InlineData("ipv6CidrBlock", "::0/0", "allow", false, Severity.High)]
    [InlineData("cidrBlock", "0.0.0.0/1", "ALLOW", false, Severity.High)]
    [InlineData("cidrBlock", "10.0.0.0/8", "allow", false, Severity.Medium)]
    [InlineData("cidrBlock", "0.0.0.0/0", "deny", false, Severity.Medium)]
    [InlineData("cidrBlock", "0.0.0.0/0", "allow", true, Severity.Medium)]
    public void Match_WhenNetworkAclEntryReplaced_ShouldRaiseOnlyForInboundAllowFromTheInternet(string field, string cidr, string action, bool egress, Severity severity) =>
        Assert.Equal(("vpc-network-acl-changed", severity), Decide("ReplaceNetworkAclEntry", "ec2.amazonaws.com", AclEntry(field, cidr, action, egress)));

    [Theory]
    [InlineData("ReplaceRoute", "destinationCidrBlock", "0.0.0.0/0", Severity.High)]
    [InlineData("ReplaceRoute", "destinationCidrBlock", "0.0.0.0/1", Severity.High)]
    [InlineData("ReplaceRoute", "destinationCidrBlock", "198.51.100.7/0", Severity.High)]
    [InlineData("ReplaceRoute", "destinationIpv6CidrBlock", "::0/0", Severity.High)]
    [InlineData("DeleteRoute", "destinationIpv6CidrBlock", "2000::/3", Severity.High)]
    [InlineData("ReplaceRoute", "destinationCidrBlock", "10.20.0.0/16", Severity.Medium)]
    [InlineData("ReplaceRoute", "destinationIpv6CidrBlock", "2001:db8:1234::/48", Severity.Medium)]
    public void Match_WhenRouteChanged_ShouldRaiseForInternetWideDestinations(string eventName, string field, string cidr, Severity severity) =>
        Assert.Equal(("vpc-route-table-changed", severity),
            Decide(eventName, "ec2.amazonaws.com", ",\"requestParameters\":{\"routeTableId\":\"rtb-1\",\"" + field + "\":\"" + cidr + "\",\"gatewayId\":\"igw-1\"}"));

    private static string DbIngress(string requested, params (string Cidr, string Status)[] group) =>
        ",\"requestParameters\":{\"dBSecurityGroupName\":\"legacy\",\"cIDRIP\":\"" + requested + "\"},\"responseElements\":{\"dBSecurityGroupName\":\"legacy\",\"iPRanges\":["
        + string.Join(",", group.Select(g => "{\"status\":\"" + g.Status + "\",\"cIDRIP\":\"" + g.Cidr + "\"}")) + "]}";

    public static TheoryData<string, string, Severity> DbCases => new()
    {
        { "AuthorizeDBSecurityGroupIngress", DbIngress("0.0.0.0/0", ("0.0.0.0/0", "authorizing")), Severity.Critical },
        { "AuthorizeDBSecurityGroupIngress", DbIngress("198.51.100.7/0"), Severity.Critical },
        { "AuthorizeDBSecurityGroupIngress", DbIngress("128.0.0.0/1", ("0.0.0.0/1", "authorized"), ("128.0.0.0/1", "authorizing")), Severity.Critical },
        { "AuthorizeDBSecurityGroupIngress", DbIngress("128.0.0.0/1", ("0.0.0.0/1", "revoking"), ("128.0.0.0/1", "authorizing")), Severity.Critical },
        { "AuthorizeDBSecurityGroupIngress", DbIngress("203.0.113.0/24", ("203.0.113.0/24", "authorizing")), Severity.High },
        { "AuthorizeDBSecurityGroupIngress", DbIngress("203.0.113.0/24", ("0.0.0.0/0", "revoking"), ("203.0.113.0/24", "authorizing")), Severity.High },
        // Revoking world access is the fix, not the exposure.
        { "RevokeDBSecurityGroupIngress", DbIngress("0.0.0.0/0", ("0.0.0.0/0", "revoking")), Severity.High },
    };

    [Theory]
    [MemberData(nameof(DbCases))]
    public void Match_WhenDbSecurityGroupChanged_ShouldRaiseWhenTheInternetIsLetIn(string eventName, string detailExtra, Severity severity) =>
        Assert.Equal(("rds-db-security-group-changed", severity), Decide(eventName, "rds.amazonaws.com", detailExtra));
}
