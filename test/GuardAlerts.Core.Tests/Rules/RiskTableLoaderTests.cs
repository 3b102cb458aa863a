using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

public class RiskTableLoaderTests
{
    private static List<string> Errors(string rules) =>
        RiskTableLoader.TryLoad(Json.Utf8($$"""{"rules":[{{rules}}]}"""), "rt.json").Errors.Select(e => e.ToString()).ToList();

    private const string Valid = """{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"High","title":"t","why":"w","next":"n","mitre":{"tactics":["TA0005"],"techniques":[]}}""";

    [Fact]
    public void TryLoad_WhenValid_ShouldHaveNoErrors() => Assert.Empty(Errors(Valid));

    [Theory]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"Severe","title":"t","why":"w","next":"n"}""", "entry 'a', field 'severity'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":[],"severity":"High","title":"t","why":"w","next":"n"}""", "entry 'a', field 'eventNames'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventNames":["X"],"severity":"High","title":"t","why":"w","next":"n"}""", "entry 'a', field 'eventSource'")]
    [InlineData("""{"id":"a","kind":"lambda","eventSource":"s","eventNames":["X"],"severity":"High","title":"t","why":"w","next":"n"}""", "entry 'a', field 'kind'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"High","why":"w","next":"n"}""", "entry 'a', field 'title'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"High","title":"t","why":"w","next":"n","when":{"path":"x"}}""", "entry 'a', field 'when'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"High","title":"t","why":"w","next":"n","when":{"all":[{"portsInclude":[70000]}]}}""", "field 'when.all[0].portsInclude'")]
    [InlineData("""{"kind":"cloudtrail"}""", "entry 'rules[0]', field 'id'")]
    public void TryLoad_WhenEntryIsWrong_ShouldNameFileEntryAndField(string rule, string expected)
    {
        var errors = Errors(rule);

        Assert.Contains(errors, e => e.StartsWith("rt.json: error:", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_WhenIdsRepeat_ShouldReportDuplicate() =>
        Assert.Contains(Errors(Valid + "," + Valid), e => e.Contains("duplicate id", StringComparison.Ordinal));

    [Fact]
    public void Load_WhenInvalid_ShouldThrowWithEveryError()
    {
        var ex = Assert.Throws<Config.ConfigException>(() => RiskTableLoader.Load(Json.Utf8("""{"rules":[{"id":"a"},{"id":"b"}]}"""), "rt.json"));

        Assert.Contains(ex.Errors, e => e.EntryId == "a");
        Assert.Contains(ex.Errors, e => e.EntryId == "b");
    }
}
