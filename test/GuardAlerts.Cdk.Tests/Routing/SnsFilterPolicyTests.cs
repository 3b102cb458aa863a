using System.Text.Json.Nodes;
using GuardAlerts.Testing.Routing;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// The SNS filter-policy evaluator against the SNS developer guide's examples ("Example filter policies", "AND/OR
/// logic", "Key matching"), including the rule that decides whether alarms reach anyone: a policy with any key
/// rejects a message without attributes.
/// </summary>
public sealed class SnsFilterPolicyTests
{
    // The guide's example transaction message.
    private static readonly Dictionary<string, SnsMessageAttribute> Transaction = new()
    {
        ["customer_interests"] = new("String.Array", """["soccer", "rugby", "hockey"]"""),
        ["store"] = SnsMessageAttribute.String("example_corp"),
        ["event"] = SnsMessageAttribute.String("order_placed"),
        ["price_usd"] = new("Number", "210.75"),
    };

    private static readonly Dictionary<string, SnsMessageAttribute> NoAttributes = [];

    [Theory]
    [InlineData("""{"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}], "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}""", true)]
    [InlineData("""{"store": ["example_corp"], "event": ["order_cancelled"], "encrypted": [false], "customer_interests": ["basketball", "baseball"]}""", false)]
    [InlineData("""{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}""", true)]
    [InlineData("""{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 300]}]}""", false)]
    [InlineData("""{"store": [{"prefix": "example"}]}""", true)]
    [InlineData("""{"store": [{"suffix": "_corp"}]}""", true)]
    [InlineData("""{"store": [{"equals-ignore-case": "EXAMPLE_CORP"}]}""", true)]
    [InlineData("""{"event": [{"anything-but": ["order_placed", "order_cancelled"]}]}""", false)]
    [InlineData("""{"event": [{"anything-but": {"prefix": "order_"}}]}""", false)]
    [InlineData("""{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}""", false)]
    [InlineData("""{"price_usd": [210.75]}""", true)]
    [InlineData("""{"store": [{"exists": true}]}""", true)]
    [InlineData("""{"encrypted": [{"exists": false}]}""", true)]
    [InlineData("""{"store": [{"exists": false}]}""", false)]
    [InlineData("""{"store": ["other"], "$or": [{"event": ["order_placed"]}]}""", false)]
    [InlineData("""{"store": ["example_corp"], "$or": [{"event": ["order_cancelled"]}, {"price_usd": [{"numeric": [">", 200]}]}]}""", true)]
    public void Accepts_ShouldFollowTheGuidesExamples(string policy, bool expected)
    {
        Assert.Equal(expected, SnsFilterPolicy.Accepts(JsonNode.Parse(policy), null, Transaction, null));
    }

    [Fact]
    public void Accepts_WithExistsFalseAndNoAttributesAtAll_ShouldNotMatch()
    {
        // "exists": false only matches if at least one attribute is present; an empty set does not match.
        var policy = JsonNode.Parse("""{"store": [{"exists": false}]}""");

        Assert.False(SnsFilterPolicy.Accepts(policy, "MessageAttributes", NoAttributes, "any body"));
        Assert.True(SnsFilterPolicy.Accepts(policy, "MessageAttributes", new Dictionary<string, SnsMessageAttribute> { ["other"] = SnsMessageAttribute.String("x") }, null));
    }

    [Fact]
    public void Accepts_WithoutAPolicy_ShouldAcceptEverything()
    {
        Assert.True(SnsFilterPolicy.Accepts(null, null, NoAttributes, "alarm"));
        Assert.True(SnsFilterPolicy.Accepts(new JsonObject(), "MessageAttributes", NoAttributes, "alarm"));
    }

    [Fact]
    public void Accepts_InTheBodyScope_ShouldMatchJsonBodiesOnly()
    {
        var policy = JsonNode.Parse("""{"store": [{"exists": true}], "nested": {"state": ["ALARM"]}}""");

        Assert.True(SnsFilterPolicy.Accepts(policy, "MessageBody", NoAttributes, """{"store": "fans", "nested": {"state": "ALARM"}}"""));
        Assert.False(SnsFilterPolicy.Accepts(policy, "MessageBody", NoAttributes, """{"customer_interests": ["baseball"]}"""));
        Assert.False(SnsFilterPolicy.Accepts(policy, "MessageBody", NoAttributes, "plain text"));
    }

    [Fact]
    public void Accepts_WhenThePolicyUsesSomethingUnknown_ShouldThrow()
    {
        Assert.Throws<ArgumentException>(() => SnsFilterPolicy.Accepts(JsonNode.Parse("""{"store": [{"wildcard": "*"}]}"""), null, Transaction, null));
    }
}
