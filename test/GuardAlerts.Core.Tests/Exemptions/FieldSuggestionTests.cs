using GuardAlerts.Core.Config;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Exemptions;

public class FieldSuggestionTests
{
    [Theory]
    [InlineData("principalArn", "principalArns")]
    [InlineData("acounts", "accounts")]
    [InlineData("SourceIps", "sourceIps")]
    [InlineData("expiry", "expires")]
    public void Closest_WhenNameIsATypo_ShouldSuggestTheKnownField(string name, string expected)
    {
        Assert.Equal(expected, FieldSuggestion.Closest(name, ["accounts", "principalArns", "sourceIps", "expires", "owner"]));
    }

    [Fact]
    public void Closest_WhenNothingIsClose_ShouldSuggestNothing()
    {
        Assert.Null(FieldSuggestion.Closest("colour", ["accounts", "principalArns"]));
    }

    [Fact]
    public void ExemptionLoader_WhenMatchFieldIsMisspelt_ShouldSayWhichWasMeant()
    {
        var (_, errors) = ExemptionLoader.TryLoad(Json.Utf8("""
            {"exemptions":[{"id":"e","reason":"r","owner":"o","expires":"2030-01-01","action":"suppress",
              "match":{"accounts":["111122223333"],"principalArn":["arn:aws:iam::111122223333:role/R"]}}]}
            """), "exemptions.json", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var error = Assert.Single(errors, e => !e.IsWarning);
        Assert.Equal("match.principalArn", error.Field);
        Assert.Contains("did you mean principalArns?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExemptionLoader_WhenMatchFieldIsOutsideMatch_ShouldSayWhereItGoes()
    {
        var (_, errors) = ExemptionLoader.TryLoad(Json.Utf8("""
            {"exemptions":[{"id":"e","reason":"r","owner":"o","expires":"2030-01-01","action":"suppress","accounts":["111122223333"],
              "match":{"accounts":["111122223333"],"eventNames":["X"]}}]}
            """), "exemptions.json", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Contains(errors, e => e.Field == "accounts" && e.Message.Contains("inside \"match\"", StringComparison.Ordinal));
    }

    [Fact]
    public void RiskTableLoader_WhenRuleFieldIsMisspelt_ShouldNameTheClosestField()
    {
        var (table, errors) = RiskTableLoader.TryLoad(Json.Utf8("""
            {"rules":[{"id":"r","kind":"cloudtrail","eventSource":"ec2.amazonaws.com","eventNames":["X"],"severity":"High",
              "title":"t","why":"w","next":"n","specific":[]}]}
            """), "risk-table.json");

        Assert.Null(table);
        var error = Assert.Single(errors, e => e.Field == "specific");
        Assert.False(error.IsWarning);
        Assert.Contains("did you mean specifics?", error.Message, StringComparison.Ordinal);
    }
}
