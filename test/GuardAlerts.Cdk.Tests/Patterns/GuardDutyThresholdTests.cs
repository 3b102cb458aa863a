using System.Text;
using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk.Tests.Patterns;

public sealed class GuardDutyThresholdTests
{
    [Fact]
    public void MinimumScore_ForTheRepositoryTable_ShouldBeTheMediumBand()
    {
        Assert.Equal(4.0, GuardDutyThreshold.MinimumScore(RiskTables.Repo()));
    }

    [Theory]
    [InlineData("High", "\"fromFinding\"", "", 7.0)]
    [InlineData("Critical", "\"fromFinding\"", "", 9.0)]
    [InlineData("Low", "\"fromFinding\"", "", 0.0)]
    [InlineData("Medium", "\"fromFinding\"", """, "raise": [{"when": {"path": "service.archived", "equals": false}, "by": 1, "because": "b"}]""", 0.0)]
    [InlineData("High", "\"fromFinding\"", """, "raise": [{"when": {"path": "service.archived", "equals": false}, "by": 1, "because": "b"}]""", 4.0)]
    [InlineData("High", "\"Critical\"", "", 0.0)]
    [InlineData("High", "\"Low\"", "", 7.0)]
    public void MinimumScore_ShouldBeTheLowestBandThatCanReachTheMinimum(string minimum, string severity, string raise, double expected)
    {
        var json = $$"""
            {
              "minimumSeverity": "{{minimum}}",
              "rules": [
                {"id": "gd", "kind": "guardduty", "findingTypes": ["*"], "severity": {{severity}}, "title": "t", "why": "w", "next": "n"{{raise}}}
              ]
            }
            """;
        var table = RiskTableLoader.Load(Encoding.UTF8.GetBytes(json), "t.json");

        Assert.Equal(expected, GuardDutyThreshold.MinimumScore(table));
    }
}
