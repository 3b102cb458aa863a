using System.Text;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Events;

/// <summary>
/// Half a surrogate pair ("\uD800") in a string is valid JSON but not text. In free text it is read as U+FFFD and the
/// event decided, saying so; in what identifies the actor it is read the same way but no exemption applies; in what
/// decides which event it is, the event is rejected, as AWS never writes one there.
/// </summary>
public class LoneSurrogateTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    // Would suppress alice's StopLogging: pinned to her ARN (a glob) and the account.
    private const string AliceExemption = """
        {"exemptions":[{"id":"alice-trail-work","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress",
          "match":{"accounts":["111122223333"],"principalArns":["arn:aws:iam::111122223333:user/alice*"]}}]}
        """;

    private static string StopLogging(string userIdentity = Json.IamUser, string extra = ",\"requestParameters\":{\"name\":\"main\"}") =>
        Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", userIdentity, extra);

    private static async Task<(InputItem Item, Decision Decision, RecordingPublisher Published)> DecideAsync(string json, string exemptions = """{"exemptions":[]}""")
    {
        var item = Assert.Single(EventReader.ParseValue(Encoding.UTF8.GetBytes(json), "test.json", 1, 0));
        var publisher = new RecordingPublisher();
        var pipeline = new AlertPipeline(TestPolicy.Policy(exemptions, Now), new InMemoryAlertLedger(), publisher, new FakeTimeProvider(Now));
        Assert.NotNull(item.Parsed);
        return (item, await pipeline.ProcessAsync(item.Parsed), publisher);
    }

    [Theory]
    [InlineData("userAgent", "aws-cli/2.15.0", "aws-cli/\\ud800.15.0")]
    [InlineData("errorMessage", "\"eventID\"", "\"errorMessage\":\"no \\udfff trail\",\"eventID\"")]
    [InlineData("requestParameters.name", "{\"name\":\"main\"}", "{\"name\":\"ma\\uD800in\"}")]
    public async Task ProcessAsync_WhenFreeTextHoldsLoneSurrogate_ShouldAlertWithTheRepairSaid(string field, string find, string replace)
    {
        var json = StopLogging().Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(StopLogging(), json);

        var (_, decision, published) = await DecideAsync(json);

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Equal("trail-stop", decision.RuleId);
        Assert.Contains("U+FFFD in detail." + field, decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no exemption", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("Note:      invalid text (a lone UTF-16 surrogate escape) read as U+FFFD in detail." + field, Assert.Single(published.Published).EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_WhenOnlyFreeTextWasRepaired_ShouldStillApplyExemptions()
    {
        var (_, decision, _) = await DecideAsync(StopLogging().Replace("\"name\":\"main\"", "\"name\":\"ma\\ud800in\"", StringComparison.Ordinal), AliceExemption);

        Assert.Equal(Outcome.Exempted, decision.Outcome);
        Assert.Equal("alice-trail-work", decision.ExemptionId);
        Assert.Contains("U+FFFD in detail.requestParameters.name", decision.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> IdentityRepairs => new()
    {
        // The repaired ARN still matches the exemption's glob: a forged record must not borrow alice's exemption.
        { "detail.userIdentity.arn", StopLogging(Json.IamUser.Replace("user/alice\"", "user/alice\\ud800\"", StringComparison.Ordinal)) },
        { "detail.userIdentity.userName", StopLogging(Json.IamUser.Replace("\"userName\":\"alice\"", "\"userName\":\"al\\uDC00ice\"", StringComparison.Ordinal)) },
        { "detail.sourceIPAddress", StopLogging().Replace("198.51.100.7", "198.51.100.7\\ud800", StringComparison.Ordinal) },
        { "account", StopLogging().Replace("\"account\":\"111122223333\"", "\"account\":\"1111\\ud80022223333\"", StringComparison.Ordinal) },
        { "detail.additionalEventData.SamlProviderArn", StopLogging(extra: ",\"additionalEventData\":{\"SamlProviderArn\":\"arn:aws:iam::111122223333:saml-provider/\\ud800\"}") },
    };

    [Theory]
    [MemberData(nameof(IdentityRepairs))]
    public async Task ProcessAsync_WhenIdentityWasRepaired_ShouldDecideButNeverApplyAnExemption(string field, string json)
    {
        var (_, decision, _) = await DecideAsync(json, AliceExemption);

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Null(decision.ExemptionId);
        Assert.Contains("U+FFFD in " + field, decision.Reason, StringComparison.Ordinal);
        Assert.Contains("no exemption applied", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eventName", "\"eventName\":\"StopLogging\"", "\"eventName\":\"Stop\\ud800Logging\"")]
    [InlineData("eventSource", "\"eventSource\":\"cloudtrail.amazonaws.com\"", "\"eventSource\":\"cloudtrail\\ud800.amazonaws.com\"")]
    [InlineData("eventID", "\"eventID\":\"ev-env-1\"", "\"eventID\":\"ev-\\ud800\"")]
    [InlineData("detail-type", "\"detail-type\":\"AWS API Call via CloudTrail\"", "\"detail-type\":\"AWS API Call via CloudTrail\\ud800\"")]
    [InlineData("id", "\"id\":\"env-1\"", "\"id\":\"env-\\udbff\"")]
    public async Task ProcessAsync_WhenWhatDecidesTheEventHoldsLoneSurrogate_ShouldRejectNamingTheField(string field, string find, string replace)
    {
        var json = StopLogging().Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(StopLogging(), json);

        var (_, decision, _) = await DecideAsync(json);

        Assert.Equal(Outcome.Rejected, decision.Outcome);
        Assert.StartsWith(field + " holds invalid text", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_WhenFindingTextHoldsLoneSurrogate_ShouldAlertAndKeepTheFindingsExemptionRules()
    {
        var finding = Json.Finding("Recon:EC2/PortProbeUnprotectedPort", 8.0).Replace("\"title\":\"t\"", "\"title\":\"t\\ud800\"", StringComparison.Ordinal);
        var typed = finding.Replace("\"type\":\"Recon:EC2/PortProbeUnprotectedPort\"", "\"type\":\"Recon:EC2/\\ud800\"", StringComparison.Ordinal);

        var (_, decision, _) = await DecideAsync(finding);
        var (_, rejected, _) = await DecideAsync(typed);

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Contains("U+FFFD in detail.title", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no exemption", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(Outcome.Rejected, rejected.Outcome);
        Assert.StartsWith("type holds invalid text", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseValue_WhenPropertyNameHoldsLoneSurrogate_ShouldDecideInsteadOfThrowing()
    {
        // Duplicate-property checking unescapes every name: this threw out of the reader and ended the whole replay.
        var json = StopLogging().Replace("\"eventVersion\"", "\"x\\ud800\":1,\"eventVersion\"", StringComparison.Ordinal);

        var (_, decision, _) = await DecideAsync(json);

        Assert.Equal(Outcome.Alert, decision.Outcome);
        Assert.Contains("U+FFFD in detail.x\uFFFD", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseValue_WhenOneRecordOfALogFileHoldsLoneSurrogate_ShouldRepairThatRecordOnly()
    {
        string Record(string id, string agent) =>
            $$"""{"eventVersion":"1.08","eventTime":"2026-10-01T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","userAgent":"{{agent}}","eventID":"{{id}}","recipientAccountId":"111122223333"}""";
        var json = "{\"Records\":[" + Record("a", "cli") + "," + Record("b", "cli\\ud800") + "," + Record("c", "emoji \\ud83d\\ude00") + "]}";

        var items = EventReader.ParseValue(Encoding.UTF8.GetBytes(json), "log.json", 1, 0);

        Assert.Equal(["a", "b", "c"], items.Select(i => i.Parsed?.Id));
        Assert.Null(items[0].Parsed!.Event!.RepairedText);
        Assert.Equal(["userAgent"], items[1].Parsed!.Event!.RepairedText!.Fields);
        Assert.False(items[1].Parsed!.Event!.RepairedText!.TouchesIdentity);
        Assert.Null(items[2].Parsed!.Event!.RepairedText);
        Assert.Equal("cli\uFFFD", ((CloudTrailEvent)items[1].Parsed!.Event!).Record.UserAgent);
    }

    [Theory]
    [InlineData("\"a\\ud800b\"", "\"a\\uFFFDb\"", "")]
    [InlineData("{\"k\":[1,\"\\uDC00\"]}", "{\"k\":[1,\"\\uFFFD\"]}", "k[1]")]
    [InlineData("{\"k\":\"\\udc00\\ud800\"}", "{\"k\":\"\\uFFFD\\uFFFD\"}", "k")]
    [InlineData("{\"k\":\"\\ud83d\\ude00 \\ud83d\"}", "{\"k\":\"\\ud83d\\ude00 \\uFFFD\"}", "k")]
    [InlineData("[{\"a\":{\"b\\ud800\":0}}]", "[{\"a\":{\"b\\uFFFD\":0}}]", "[0].a.b\uFFFD")]
    public void Repair_WhenLoneSurrogates_ShouldRewriteThemInPlaceAndNameWhere(string json, string expected, string path)
    {
        var repaired = LoneSurrogates.Repair(Encoding.UTF8.GetBytes(json));

        Assert.NotNull(repaired);
        Assert.Equal(expected, Encoding.UTF8.GetString(repaired.Value.Bytes));
        Assert.Equal([path], repaired.Value.Paths);
    }

    [Theory]
    [InlineData("{\"k\":\"\\ud83d\\ude00\"}")]
    [InlineData("{\"k\":\"\\\\ud800\"}")]
    [InlineData("{\"k\":\"plain\"}")]
    [InlineData("{\"k\":\"\\ud800\"")]
    public void Repair_WhenNothingToRepairOrNotJson_ShouldReturnNull(string json) =>
        Assert.Null(LoneSurrogates.Repair(Encoding.UTF8.GetBytes(json)));
}
