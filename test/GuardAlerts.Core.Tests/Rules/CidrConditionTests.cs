using GuardAlerts.Core.Config;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

public class CidrConditionTests
{
    private static (Condition? Condition, List<ConfigError> Errors) Parse(string json)
    {
        var errors = new List<ConfigError>();
        return (ConditionParser.Parse(Json.Parse(json), "t.json", "r", "when", errors), errors);
    }

    private static bool Holds(string condition, string scope) =>
        (Parse(condition).Condition ?? throw new InvalidOperationException(string.Join("; ", Parse(condition).Errors))).Evaluate(Json.Parse(scope));

    [Theory]
    [InlineData("""{"cidrs":"a","coversInternet":true}""", """{"a":"0.0.0.0/0"}""", true)]
    [InlineData("""{"cidrs":"a","coversInternet":true}""", """{"a":["0.0.0.0/1","128.0.0.0/1"]}""", true)]
    [InlineData("""{"cidrs":["a","b"],"coversInternet":true}""", """{"a":"0.0.0.0/1","b":"128.0.0.0/1"}""", true)]
    [InlineData("""{"cidrs":"a","coversInternet":true}""", """{"a":"0.0.0.0/1","b":"128.0.0.0/1"}""", false)]
    [InlineData("""{"cidrs":"a","coversInternet":true}""", """{"a":" ::/0 "}""", true)]
    [InlineData("""{"cidrs":"a","coversInternet":true}""", """{"a":["pl-0abc","sg-0abc","","0.0.0.0/0x"]}""", false)]
    [InlineData("""{"cidrs":"a","coversInternet":true}""", """{"a":{"cidr":"0.0.0.0/0"}}""", false)]
    [InlineData("""{"cidrs":"c","in":"items","coversInternet":true}""", """{"items":[{"c":"0.0.0.0/1"},{"c":"128.0.0.0/1"}]}""", true)]
    [InlineData("""{"cidrs":"c","in":["x","y"],"coversInternet":true}""", """{"x":{"c":"0.0.0.0/1"},"y":[{"c":"128.0.0.0/1"}]}""", true)]
    [InlineData("""{"cidrs":"c","in":"items","where":{"path":"p","equals":22},"coversInternet":true}""", """{"items":[{"p":22,"c":"0.0.0.0/1"},{"p":80,"c":"128.0.0.0/1"}]}""", false)]
    [InlineData("""{"cidrs":"c","in":"items","where":{"path":"p","equals":22},"coversInternet":true}""", """{"items":[{"p":22,"c":"0.0.0.0/1"},{"p":"22","c":"128.0.0.0/1"}]}""", true)]
    [InlineData("""{"cidrs":"a","anyRange":{"public":true}}""", """{"a":["10.0.0.0/8","203.0.113.5"]}""", true)]
    [InlineData("""{"cidrs":"a","anyRange":{"public":true}}""", """{"a":["10.0.0.0/8","fd00::/8"]}""", false)]
    [InlineData("""{"cidrs":"a","anyRange":{"public":false}}""", """{"a":["203.0.113.5","fd00::/8"]}""", true)]
    [InlineData("""{"cidrs":"a","anyRange":{"prefixAtMost":{"ipv4":8}}}""", """{"a":["10.0.0.0/8"]}""", true)]
    [InlineData("""{"cidrs":"a","anyRange":{"prefixAtMost":{"ipv4":8}}}""", """{"a":["::/0"]}""", false)]
    [InlineData("""{"cidrs":"a","anyRange":{"public":true,"prefixAtMost":{"ipv4":8,"ipv6":12}}}""", """{"a":["10.0.0.0/8","203.0.113.0/24"]}""", false)]
    [InlineData("""{"cidrs":"a","anyRange":{"public":true,"prefixAtMost":{"ipv4":8,"ipv6":12}}}""", """{"a":["198.51.100.7/1"]}""", true)]
    [InlineData("""{"cidrs":"a","anyRange":{"public":true,"prefixAtMost":{"ipv4":8,"ipv6":12}}}""", """{"a":["2600::/12"]}""", true)]
    public void Evaluate_WhenRangesAreRead_ShouldJudgeWhatTheyCover(string condition, string scope, bool holds) =>
        Assert.Equal(holds, Holds(condition, scope));

    [Theory]
    [InlineData("""{"cidrs":"a"}""", "when", "exactly one test")]
    [InlineData("""{"cidrs":"a","coversInternet":true,"anyRange":{"public":true}}""", "when", "exactly one test")]
    [InlineData("""{"cidrs":"a","coversInternet":false}""", "when.coversInternet", "must be true")]
    [InlineData("""{"cidrs":"a","coverInternet":true}""", "when.coverInternet", "unknown key")]
    [InlineData("""{"cidrs":[],"coversInternet":true}""", "when.cidrs", "dotted path")]
    [InlineData("""{"cidrs":"a..b","coversInternet":true}""", "when.cidrs", "dotted path")]
    [InlineData("""{"cidrs":"a","in":7,"coversInternet":true}""", "when.in", "dotted path")]
    [InlineData("""{"cidrs":"a","where":{"path":"p"},"coversInternet":true}""", "when.where", "needs an operator")]
    [InlineData("""{"cidrs":"a","anyRange":{}}""", "when.anyRange", "public")]
    [InlineData("""{"cidrs":"a","anyRange":{"public":"yes"}}""", "when.anyRange.public", "expected public")]
    [InlineData("""{"cidrs":"a","anyRange":{"prefixAtMost":{"ipv4":33}}}""", "when.anyRange.prefixAtMost", "ipv4 (0-32)")]
    [InlineData("""{"cidrs":"a","anyRange":{"prefixAtMost":{"v4":8}}}""", "when.anyRange.prefixAtMost", "ipv4 (0-32)")]
    [InlineData("""{"cidrs":"a","anyRange":{"prefixAtMost":{}}}""", "when.anyRange.prefixAtMost", "ipv4 (0-32)")]
    public void Parse_WhenCidrConditionIsWrong_ShouldNameTheField(string json, string field, string message)
    {
        var (condition, errors) = Parse(json);

        Assert.Null(condition);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("tcp", 22, 22, true)]
    [InlineData("TCP", 22, 22, true)]
    [InlineData("6", 20, 30, true)]
    [InlineData("udp", 3389, 3389, true)]
    [InlineData("17", 1, 21, false)]
    [InlineData("-1", 443, 443, true)]
    [InlineData("all", null, null, true)]
    [InlineData("icmp", 22, 22, false)]
    [InlineData("1", -1, -1, false)]
    [InlineData("icmpv6", 22, 22, false)]
    [InlineData("58", 22, 22, false)]
    [InlineData("132", 0, 65535, false)]
    [InlineData("tcp", 23, 3388, false)]
    [InlineData("tcp", 3390, 65535, false)]
    [InlineData("tcp", -1, -1, true)]
    [InlineData("tcp", null, null, true)]
    public void PortsInclude_WhenProtocolAndRange_ShouldReadWhatTheyMean(string protocol, int? from, int? to, bool includes)
    {
        var ports = new PortsIncludeCondition([22, 3389]);
        string Bounds(string f, string t) => (from is null ? "" : $",\"{f}\":{from}") + (to is null ? "" : $",\"{t}\":{to}");

        Assert.Equal(includes, ports.Evaluate(Json.Parse("{\"ipProtocol\":\"" + protocol + "\"" + Bounds("fromPort", "toPort") + "}")));
        Assert.Equal(includes, ports.Evaluate(Json.Parse("{\"IpProtocol\":\"" + protocol + "\"" + Bounds("FromPort", "ToPort") + "}")));
        var range = from is null && to is null ? "" : ",\"portRange\":{" + Bounds("from", "to")[1..] + "}";
        Assert.Equal(includes, ports.Evaluate(Json.Parse("{\"aclProtocol\":\"" + protocol + "\"" + range + "}")));
    }
}
