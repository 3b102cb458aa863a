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

    [Theory]
    // A misspelt "when" dropped in silence turns a narrow entry into one for every call of its names: placed before
    // the shipped rule for the same call, a Low entry meant for one scratch trail would silence every StopLogging.
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"Low","title":"t","why":"w","next":"n","When":{"path":"requestParameters.name","equals":"scratch"}}""", "entry 'a', field 'When'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"Low","title":"t","why":"w","next":"n","condition":{"path":"requestParameters.name","equals":"scratch"}}""", "entry 'a', field 'condition'")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"Medium","title":"t","why":"w","next":"n","raise":[{"when":{"path":"x","exists":true},"By":2,"because":"b"}]}""", "entry 'a', field 'raise[0].By'")]
    // Two operators in one condition: one of them is dropped in silence.
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"Low","title":"t","why":"w","next":"n","when":{"all":[{"path":"requestParameters.name","equals":"scratch"}],"not":{"path":"errorCode","exists":true}}}""", "entry 'a', field 'when")]
    [InlineData("""{"id":"a","kind":"cloudtrail","eventSource":"s","eventNames":["X"],"severity":"Low","title":"t","why":"w","next":"n","when":{"path":"requestParameters.name","equals":"scratch","glob":"*"}}""", "entry 'a', field 'when")]
    public void TryLoad_WhenAFieldIsUnknown_ShouldNameEntryAndField(string rule, string expected)
    {
        var errors = Errors(rule);

        Assert.Contains(errors, e => e.StartsWith("rt.json: error:", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void TryLoad_WhenATopLevelFieldIsUnknown_ShouldNameIt() =>
        Assert.Contains(RiskTableLoader.TryLoad(Json.Utf8("{\"minimumseverity\":\"Low\",\"rules\":[" + Valid + "]}"), "rt.json").Errors,
            e => !e.IsWarning && e.Field == "minimumseverity");

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
