using GuardAlerts.Core.Config;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Thresholds;

public class ThresholdLoaderTests
{
    private const string Common = "\"kind\":\"cloudtrail\",\"severity\":\"High\",\"title\":\"t\",\"why\":\"w\",\"next\":\"n\"";
    private const string Reads = "\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventNames\":[\"GetSecretValue\"]";
    private const string Threshold = "\"threshold\":{\"count\":3,\"withinMinutes\":10,\"groupBy\":[\"principal\"],\"counted\":\"reads\"}";

    [Theory]
    [InlineData("\"id\":\"reads\"," + Reads + "," + Threshold, "field 'id': a threshold rule's id starts with 'threshold-'")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads, "field 'threshold': an id starting with 'threshold-' names a threshold rule")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":1,\"withinMinutes\":10,\"groupBy\":[\"principal\"],\"counted\":\"r\"}", "field 'threshold.count': must be a whole number from 2 to 1000")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":3,\"withinMinutes\":0,\"groupBy\":[\"principal\"],\"counted\":\"r\"}", "field 'threshold.withinMinutes': must be a whole number from 1 to 1440")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":3,\"withinMinutes\":10,\"groupBy\":[],\"counted\":\"r\"}", "field 'threshold.groupBy': must list what each count is kept per")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":3,\"withinMinutes\":10,\"groupBy\":[\"a..b\"],\"counted\":\"r\"}", "field 'threshold.groupBy': 'a..b' is neither")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":3,\"withinMinutes\":10,\"groupBy\":[\"principal\"],\"counted\":\"r\",\"per\":1}", "field 'threshold.per': unknown field")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":3,\"withinMinutes\":10,\"groupBy\":[\"principal\"]}", "field 'threshold.counted': missing or empty")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + ",\"threshold\":{\"count\":3,\"withinMinutes\":10,\"groupBy\":[\"principal\"],\"distinct\":5,\"counted\":\"r\"}", "field 'threshold.distinct': must be a dotted path")]
    [InlineData("\"id\":\"threshold-reads\"," + Reads + "," + Threshold + ",\"dedupWindowMinutes\":5", "field 'dedupWindowMinutes': a threshold rule alerts once per window and multiple")]
    [InlineData("\"id\":\"threshold-reads\"," + Threshold, "field 'eventNames': a threshold rule needs eventNames (with eventSource), or errorCodes")]
    [InlineData("\"id\":\"threshold-reads\",\"eventSource\":\"iam.amazonaws.com\",\"errorCodes\":[\"AccessDenied\"]," + Threshold, "field 'eventSource': a threshold rule without eventNames counts calls of every eventSource")]
    [InlineData("\"id\":\"reads\"," + Reads + ",\"errorCodes\":[\"AccessDenied\"]", "field 'errorCodes': applies to threshold rules only")]
    public void Load_WhenAThresholdRuleIsWrong_ShouldNameFileRuleAndField(string rule, string expected)
    {
        var json = "{\"rules\":[{" + Common + "," + rule + "}]}";

        var errors = Assert.Throws<ConfigException>(() => RiskTableLoader.Load(Json.Utf8(json), "risk-table.json")).Errors;

        Assert.Contains(errors, e => e.ToString().StartsWith("risk-table.json: error: entry '", StringComparison.Ordinal) && e.ToString().Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_WhenThresholdRulesAreValid_ShouldKeepThemOutOfFirstMatchButCoverTheirNamesAndCodes()
    {
        var table = RiskTableLoader.Load(Json.Utf8(ThresholdPolicy.TableJson), "t.json");

        Assert.Equal(["threshold-reads", "threshold-distinct-secrets", "threshold-refused"], table.ThresholdRules.Select(r => r.Id));
        Assert.True(table.CoversEventName("GetSecretValue"));
        Assert.True(table.CountsErrorCode("AccessDenied"));
        Assert.False(table.CountsErrorCode("Throttling"));
        Assert.Null(table.Match(Json.Valid(Json.ApiCall("GetSecretValue", "secretsmanager.amazonaws.com", Json.IamUser))));
        Assert.Equal(24, table.ThresholdRules[0].Threshold!.Cap);
    }
}
