using GuardAlerts.Core.Config;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>The numeric (atMost, atLeast) and path-comparison (sameAs) operators.</summary>
public class PathOperatorTests
{
    private static (Condition? Condition, List<ConfigError> Errors) Parse(string json)
    {
        var errors = new List<ConfigError>();
        return (ConditionParser.Parse(Json.Parse(json), "t.json", "r", "when", errors), errors);
    }

    [Theory]
    [InlineData("""{"path":"d","atMost":7}""", """{"d":1}""", true)]
    [InlineData("""{"path":"d","atMost":7}""", """{"d":"7"}""", true)]
    [InlineData("""{"path":"d","atMost":7}""", """{"d":" 3 "}""", true)]
    [InlineData("""{"path":"d","atMost":7}""", """{"d":"8"}""", false)]
    [InlineData("""{"path":"d","atMost":7}""", """{"d":"seven"}""", false)]
    [InlineData("""{"path":"d","atMost":7}""", """{"d":"NaN"}""", false)]
    [InlineData("""{"path":"d","atMost":7}""", """{}""", false)]
    [InlineData("""{"path":"r.d","atMost":7}""", """{"r":[{"d":400},{"d":2}]}""", true)]
    [InlineData("""{"path":"d","atLeast":24,"atMost":48}""", """{"d":30}""", true)]
    [InlineData("""{"path":"d","atLeast":24,"atMost":48}""", """{"d":12}""", false)]
    public void Evaluate_WhenNumbersAreBounded_ShouldReadNumbersAndNumericText(string condition, string scope, bool holds) =>
        Assert.Equal(holds, Parse(condition).Condition!.Evaluate(Json.Parse(scope)));

    [Theory]
    [InlineData("""{"a":"alice","b":"alice"}""", true)]
    [InlineData("""{"a":"Alice","b":"alice"}""", true)]
    [InlineData("""{"a":"alice","b":"bob"}""", false)]
    [InlineData("""{"a":"alice"}""", false)]
    [InlineData("""{"a":["x","bob"],"b":"bob"}""", true)]
    public void Evaluate_WhenTwoPathsAreCompared_ShouldMatchAnyPairWithoutCase(string scope, bool holds) =>
        Assert.Equal(holds, Parse("""{"path":"a","sameAs":"b"}""").Condition!.Evaluate(Json.Parse(scope)));

    [Theory]
    [InlineData("""{"path":"d","atMost":"7"}""", "numbers")]
    [InlineData("""{"path":"d","sameAs":"x..y"}""", "dotted path")]
    public void Parse_WhenTheOperandIsWrong_ShouldSaySo(string json, string message) =>
        Assert.Contains(Parse(json).Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
}
