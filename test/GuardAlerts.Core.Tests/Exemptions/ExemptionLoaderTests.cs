using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Exemptions;

public class ExemptionLoaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<Config.ConfigError> Load(string entry) =>
        ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{{entry}}]}"""), "ex.json", Now).Errors;

    private static string Entry(string match, string expires = "2027-01-01", string extra = "") =>
        $$"""{"id":"e1","reason":"CI deploys","owner":"platform","expires":"{{expires}}","action":"suppress","match":{{match}}{{extra}}}""";

    [Theory]
    [InlineData("""{"sessionNames":"StaxHelper"}""")]
    [InlineData("""{"userAgents":"*Terraform*"}""")]
    [InlineData("""{"sessionNames":"StaxHelper","userAgents":"*","eventNames":"CreateUser","regions":"us-east-1"}""")]
    public void TryLoad_WhenOnlyCallerChosenIdentity_ShouldReject(string match) =>
        Assert.Contains(Load(Entry(match)), e => !e.IsWarning && e.Field == "match" && e.Message.Contains("chosen by the caller", StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"sessionNames":"StaxHelper","principalArns":"arn:aws:iam::111122223333:role/StaxAssurance"}""")]
    [InlineData("""{"userAgents":"*Terraform*","accounts":"444455556666"}""")]
    [InlineData("""{"sessionNames":"*","samlProviders":"staxid"}""")]
    public void TryLoad_WhenCallerChosenWithTrustedIdentity_ShouldAccept(string match) =>
        Assert.DoesNotContain(Load(Entry(match)), e => !e.IsWarning);

    [Theory]
    [InlineData("""{}""", "match", "names no field")]
    [InlineData("""{"principalArn":"x"}""", "match.principalArn", "unknown match field")]
    [InlineData("""{"sourceIps":"not-an-ip"}""", "match.sourceIps", "not an IP address")]
    [InlineData("""{"accounts":[]}""", "match.accounts", "non-empty")]
    public void TryLoad_WhenMatchIsWrong_ShouldNameTheField(string match, string field, string message) =>
        Assert.Contains(Load(Entry(match)), e => e.Field == field && e.EntryId == "e1" && e.Message.Contains(message, StringComparison.Ordinal));

    [Theory]
    [InlineData("""{"id":"e1","reason":"r","owner":"o","expires":"2027-13-01","action":"suppress","match":{"accounts":"1"}}""", "expires")]
    [InlineData("""{"id":"e1","reason":"r","owner":"o","expires":"2027-01-01","action":"mute","match":{"accounts":"1"}}""", "action")]
    [InlineData("""{"id":"e1","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"1"}}""", "reason")]
    [InlineData("""{"id":"e1","reason":"r","expires":"2027-01-01","action":"suppress","match":{"accounts":"1"}}""", "owner")]
    [InlineData("""{"id":"e1","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"1"},"note":"x"}""", "note")]
    public void TryLoad_WhenEntryIsWrong_ShouldNameTheField(string entry, string field) =>
        Assert.Contains(Load(entry), e => !e.IsWarning && e.Field == field);

    [Theory]
    [InlineData("""{"accounts":"111122223333","sessionNames":"StaxHelper"}""", "match", "anyone in those accounts")]
    [InlineData("""{"accounts":"111122223333","principalArns":"arn:aws:iam::*:role/Deployer"}""", "match.principalArns", "another account")]
    public void TryLoad_WhenMatchIsAllowedButWide_ShouldWarnAndStillLoad(string match, string field, string message)
    {
        var (list, errors) = ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{{Entry(match)}}]}"""), "ex.json", Now);

        Assert.NotNull(list);
        Assert.Contains(errors, e => e.IsWarning && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-10-20", "within 30 days")]
    [InlineData("2026-10-01", "2026-10-01, within 30 days, is its last day")]
    [InlineData("2026-09-30", "expired: 2026-09-30 was its last day")]
    [InlineData("2026-09-01", "expired: 2026-09-01 was its last day")]
    public void TryLoad_WhenExpiringOrExpired_ShouldWarn(string expires, string message)
    {
        var (list, errors) = ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{{Entry("""{"accounts":"1"}""", expires)}}]}"""), "ex.json", Now);

        Assert.NotNull(list);
        Assert.Contains(errors, e => e.IsWarning && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
