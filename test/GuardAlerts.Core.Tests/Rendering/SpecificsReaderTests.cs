using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rendering;

public class SpecificsReaderTests
{
    private static IReadOnlyList<SpecificText> Read(string specificsJson, string detailExtra)
    {
        var table = RiskTableLoader.Load(Json.Utf8($$"""
            {"rules":[{"id":"r","kind":"cloudtrail","eventSource":"ec2.amazonaws.com","eventNames":["AuthorizeSecurityGroupIngress"],
              "severity":"High","title":"t","why":"w","next":"n","specifics":{{specificsJson}}}]}
            """), "risk-table.json");
        var e = Json.Valid(Json.ApiCall("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", Json.AssumedRole("Admin", "alice"), detailExtra));
        return SpecificsReader.Read(table.Rules[0], e);
    }

    private const string Ingress = """
        ,"requestParameters":{"groupId":"sg-0abc","ipPermissions":{"items":[
          {"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}},
          {"ipProtocol":"6","fromPort":8000,"toPort":8100,"ipv6Ranges":{"items":[{"cidrIpv6":"::/0"}]}},
          {"ipProtocol":"-1","ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}},
          {"ipProtocol":"udp","fromPort":0,"toPort":65535}]}}
        """;

    [Fact]
    public void Read_WhenPortsShape_ShouldReadProtocolAndRangeOfEachPermission()
    {
        var specifics = Read("""[{"label":"","in":["requestParameters.ipPermissions.items"],"paths":["ipProtocol","fromPort","toPort"],"as":"ports"}]""", Ingress);

        Assert.Equal(["tcp/22", "tcp/8000-8100", "all traffic", "udp/all"], Assert.Single(specifics).Values);
    }

    [Fact]
    public void Read_WhenTextShape_ShouldShowEveryDistinctValueOnceWithItsLabel()
    {
        var specifics = Read("""[{"label":"from","paths":["requestParameters.ipPermissions.items.ipRanges.items.cidrIp","requestParameters.ipPermissions.items.ipv6Ranges.items.cidrIpv6"]},{"label":"on","paths":["requestParameters.groupId"]}]""", Ingress);

        Assert.Equal(["from 0.0.0.0/0, ::/0", "on sg-0abc"], specifics.Select(s => s.ToString()));
        Assert.Equal("from 0.0.0.0/0 +1", specifics[0].FirstOnly);
    }

    [Fact]
    public void Read_WhenNoValue_ShouldLeaveTheSpecificOut()
    {
        Assert.Empty(Read("""[{"label":"on","paths":["requestParameters.missing"]}]""", Ingress));
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","s3:*"],"Resource":"*"},{"Effect":"Deny","Action":"ec2:*","Resource":"*"}]}""", "iam:PassRole|s3:*")]
    [InlineData("""{"Statement":{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}}""", "all actions but s3:*")]
    [InlineData("""%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%7D""", "*")]
    [InlineData("not a policy", "")]
    public void Read_WhenPolicyActionsShape_ShouldListWhatAllowStatementsGrant(string document, string expected)
    {
        var detail = $$""","requestParameters":{"policyDocument":{{System.Text.Json.JsonSerializer.Serialize(document)}}}""";
        var specifics = Read("""[{"label":"grants","paths":["requestParameters.policyDocument"],"as":"policyActions"}]""", detail);

        Assert.Equal(expected, string.Join('|', specifics.SelectMany(s => s.Values)));
    }

    [Fact]
    public void Read_WhenPolicyPrincipalsShape_ShouldNameWhoTheTrustPolicyAdmits()
    {
        const string Trust = """{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::777788889999:root","*"],"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}""";
        var detail = $$""","requestParameters":{"assumeRolePolicyDocument":{{System.Text.Json.JsonSerializer.Serialize(Trust)}}}""";

        var specifics = Read("""[{"label":"trusts","paths":["requestParameters.assumeRolePolicyDocument"],"as":"policyPrincipals"}]""", detail);

        Assert.Equal(["arn:aws:iam::777788889999:root", "anyone", "ec2.amazonaws.com"], Assert.Single(specifics).Values);
    }

    [Fact]
    public void Read_WhenArnNameShape_ShouldShowTheLastSegment()
    {
        var specifics = Read("""[{"label":"","paths":["requestParameters.policyArn"],"as":"arnName"}]""", ""","requestParameters":{"policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}""");

        Assert.Equal("AdministratorAccess", Assert.Single(Assert.Single(specifics).Values));
    }

    [Fact]
    public void Read_WhenThousandsOfValues_ShouldShowTheFirstTwentyAndCountTheRest()
    {
        var items = string.Join(',', Enumerable.Range(0, 5000).Select(i => $$"""{"cidrIp":"10.{{i / 256}}.{{i % 256}}.0/24"}"""));
        var specifics = Read("""[{"label":"from","paths":["requestParameters.ipRanges.items.cidrIp"]}]""", $$$""","requestParameters":{"ipRanges":{"items":[{{{items}}}]}}""");

        var values = Assert.Single(specifics).Values;
        Assert.Equal(21, values.Count);
        Assert.Equal("and 4980 more", values[^1]);
    }

    [Theory]
    [InlineData("""[{"label":"on","paths":[]}]""", "specifics[0].paths")]
    [InlineData("""[{"label":"on","path":["a"]}]""", "specifics[0].path")]
    [InlineData("""[{"label":"on","paths":["a"],"as":"port"}]""", "specifics[0].as")]
    [InlineData("""[{"label":"on","paths":["a"],"as":"ports"}]""", "specifics[0].paths")]
    [InlineData("""[{"label":"a very long label here","paths":["a"]}]""", "specifics[0].label")]
    [InlineData("""{"label":"on"}""", "specifics")]
    public void Load_WhenSpecificIsMalformed_ShouldNameTheEntryAndField(string specificsJson, string field)
    {
        var (table, errors) = RiskTableLoader.TryLoad(Json.Utf8($$"""
            {"rules":[{"id":"r","kind":"cloudtrail","eventSource":"ec2.amazonaws.com","eventNames":["X"],
              "severity":"High","title":"t","why":"w","next":"n","specifics":{{specificsJson}}}]}
            """), "risk-table.json");

        Assert.Null(table);
        Assert.Contains(errors, e => e.EntryId == "r" && e.Field == field && !e.IsWarning);
    }
}
