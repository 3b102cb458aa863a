using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>Every rule says which MITRE ATT&amp;CK tactics and techniques it detects, in ids ATT&amp;CK has.</summary>
public class MitreLoaderTests
{
    private const string Rule = """{"id":"x","kind":"cloudtrail","eventSource":"cloudtrail.amazonaws.com","eventNames":["StopLogging"],"severity":"High","title":"t","why":"w","next":"n" """;

    [Fact]
    public void Load_WhenMitreIsGiven_ShouldKeepIt()
    {
        var table = RiskTableLoader.Load(Json.Utf8("{\"rules\":[" + Rule + ",\"mitre\":{\"tactics\":[\"TA0005\"],\"techniques\":[\"T1562.008\"]}}]}"), "t.json");

        Assert.Equal(new MitreMapping(["TA0005"], ["T1562.008"]), table.Rules[0].Mitre, new MitreComparer());
    }

    [Fact]
    public void Load_WhenMitreIsMissing_ShouldLoadTheRuleAndWarn()
    {
        var (table, errors) = RiskTableLoader.TryLoad(Json.Utf8("{\"rules\":[" + Rule + "}]}"), "t.json");

        Assert.NotNull(table);
        Assert.Single(table.Rules);
        var warning = Assert.Single(errors);
        Assert.True(warning.IsWarning);
        Assert.Equal(("x", "mitre"), (warning.EntryId, warning.Field));
    }

    [Theory]
    [InlineData("""{"tactics":["TA0099"],"techniques":[]}""", "mitre.tactics", "'TA0099' is not a MITRE ATT&CK Enterprise tactic id")]
    [InlineData("""{"tactics":["Defense Evasion"],"techniques":[]}""", "mitre.tactics", "is not a MITRE ATT&CK Enterprise tactic id")]
    [InlineData("""{"tactics":[],"techniques":[]}""", "mitre.tactics", "non-empty array")]
    [InlineData("""{"tactics":["TA0005"],"techniques":["T1562.8"]}""", "mitre.techniques", "'T1562.8' is not a technique id")]
    [InlineData("""{"tactics":["TA0005"],"techniques":["t1562"]}""", "mitre.techniques", "is not a technique id")]
    [InlineData("""{"tactics":["TA0005"]}""", "mitre.techniques", "array of ids")]
    [InlineData("""{"tactics":["TA0005","TA0005"],"techniques":[]}""", "mitre.tactics", "twice")]
    [InlineData("""{"tactics":["TA0005"],"techniques":[],"tactic":"TA0005"}""", "mitre.tactic", "unknown key")]
    [InlineData("""["TA0005"]""", "mitre", "must be an object")]
    public void Load_WhenMitreIsMalformed_ShouldRefuseTheRuleNamingTheField(string mitre, string field, string message)
    {
        var (table, errors) = RiskTableLoader.TryLoad(Json.Utf8("{\"rules\":[" + Rule + ",\"mitre\":" + mitre + "}]}"), "t.json");

        Assert.Null(table);
        Assert.Contains(errors, e => !e.IsWarning && e.EntryId == "x" && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    private sealed class MitreComparer : IEqualityComparer<MitreMapping?>
    {
        public bool Equals(MitreMapping? x, MitreMapping? y) =>
            x is not null && y is not null && x.Tactics.SequenceEqual(y.Tactics) && x.Techniques.SequenceEqual(y.Techniques);

        public int GetHashCode(MitreMapping? obj) => 0;
    }
}
