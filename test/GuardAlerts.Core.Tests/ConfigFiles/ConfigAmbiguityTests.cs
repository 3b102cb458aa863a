using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.ConfigFiles;

/// <summary>
/// A configuration file means what a reviewer reads in it. A name given twice in one object (JSON allows it; the
/// loader's parser keeps the last) lets a change show a narrow exemption or condition first and apply a wide one
/// written after it; a match field set to null reads as "not given", so the exemption matches more than written.
/// Both are errors that name the file.
/// </summary>
public class ConfigAmbiguityTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<Core.Config.ConfigError> Exemptions(string entry) =>
        ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{{entry}}]}"""), "ex.json", Now).Errors;

    [Theory]
    [InlineData("""{"id":"ci","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"111122223333","eventNames":"StopLogging","principalArns":"arn:aws:iam::111122223333:role/CI"},"match":{"accounts":"111122223333","eventNames":"StopLogging"}}""")]
    [InlineData("""{"id":"ci","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"principalArns":"arn:aws:iam::111122223333:role/CI","eventNames":"StopLogging","eventNames":["StopLogging","DeleteTrail"]}}""")]
    [InlineData("""{"id":"ci","reason":"r","owner":"o","expires":"2027-01-01","expires":"2031-01-01","action":"suppress","match":{"principalArns":"arn:aws:iam::111122223333:role/CI"}}""")]
    public void TryLoad_WhenAnExemptionGivesANameTwice_ShouldRefuseTheFile(string entry)
    {
        var (list, errors) = ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{{entry}}]}"""), "ex.json", Now);

        Assert.Null(list);
        Assert.Contains(errors, e => !e.IsWarning && e.File == "ex.json");
    }

    [Theory]
    [InlineData("principalArns")]
    [InlineData("sourceIps")]
    [InlineData("regions")]
    public void TryLoad_WhenAMatchFieldIsNull_ShouldNameTheField(string field)
    {
        var errors = Exemptions($$$"""{"id":"ci","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"111122223333","eventNames":"StopLogging","{{{field}}}":null}}""");

        Assert.Contains(errors, e => !e.IsWarning && e.Field == "match." + field && e.EntryId == "ci");
    }

    [Fact]
    public void TryLoad_WhenARiskTableRuleGivesANameTwice_ShouldRefuseTheTable()
    {
        var rule = """{"id":"trail-stop","kind":"cloudtrail","eventSource":"cloudtrail.amazonaws.com","eventNames":["StopLogging"],"when":{"path":"requestParameters.name","glob":"prod-*"},"when":{"path":"requestParameters.name","equals":"nothing"},"severity":"High","title":"t","why":"w","next":"n","mitre":{"tactics":["TA0005"],"techniques":[]}}""";

        var (table, errors) = RiskTableLoader.TryLoad(Json.Utf8($$"""{"rules":[{{rule}}]}"""), "rt.json");

        Assert.Null(table);
        Assert.Contains(errors, e => !e.IsWarning && e.File == "rt.json");
        var once = rule.Replace(""","when":{"path":"requestParameters.name","equals":"nothing"}""", "", StringComparison.Ordinal);
        Assert.Empty(RiskTableLoader.TryLoad(Json.Utf8($$"""{"rules":[{{once}}]}"""), "rt.json").Errors);
    }

    [Fact]
    public void TryLoad_WhenAProviderGivesANameTwice_ShouldRefuseTheFile()
    {
        var json = """{"providers":[{"id":"stax","name":"Stax","accounts":["111122223333"],"accounts":["111122223333","444455556666"]}]}""";

        var (profiles, errors) = ManagedProviderLoader.TryLoad(Json.Utf8(json), "providers.json");

        Assert.Null(profiles);
        Assert.Contains(errors, e => !e.IsWarning && e.File == "providers.json");
    }
}
