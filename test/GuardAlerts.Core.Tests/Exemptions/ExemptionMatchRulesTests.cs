using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Exemptions;

/// <summary>Exemptions that would be blind spots are refused, naming the entry and field; and matching refuses them too.</summary>
public class ExemptionMatchRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static (ExemptionList? List, List<Config.ConfigError> Errors) Load(string match) =>
        ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{"id":"e1","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{{match}}}]}"""), "ex.json", Now);

    public static TheoryData<string, string, string> Refused => new()
    {
        // Values that match everything narrow nothing.
        { """{"accounts":"111122223333","eventNames":"*"}""", "match.eventNames", "matches every CloudTrail event" },
        { """{"accounts":"111122223333","eventNames":["StopLogging","**"]}""", "match.eventNames", "matches every CloudTrail event" },
        { """{"accounts":"111122223333","regions":["us-east-1","*"]}""", "match.regions", "matches every region" },
        { """{"accounts":"111122223333","regions":"*-*-*"}""", "match.regions", "matches every region" },
        { """{"accounts":"111122223333","findingTypes":"*"}""", "match.findingTypes", "matches every GuardDuty finding type" },
        { """{"accounts":"111122223333","findingTypes":"*:*/*"}""", "match.findingTypes", "matches every GuardDuty finding type" },
        { """{"accounts":"*"}""", "match.accounts", "matches every account" },
        { """{"principalArns":["*"]}""", "match.principalArns", "matches every principal" },
        { """{"accounts":"111122223333","sourceIps":"0.0.0.0/0"}""", "match.sourceIps", "cover every internet address" },
        { """{"accounts":"111122223333","sourceIps":["0.0.0.0/1","128.0.0.0/1"]}""", "match.sourceIps", "cover every internet address" },
        { """{"accounts":"111122223333","sourceIps":"198.51.100.7/0"}""", "match.sourceIps", "cover every internet address" },
        { """{"accounts":"111122223333","sourceIps":["10.0.0.0/8","0::/0"]}""", "match.sourceIps", "cover every internet address" },
        // '*' names nobody: it does not anchor caller-chosen fields.
        { """{"principalArns":"*","sessionNames":"StaxHelper"}""", "match", "chosen by the caller" },
        { """{"accounts":"*","userAgents":"*Terraform*"}""", "match", "chosen by the caller" },
        { """{"samlProviders":"*","sessionNames":"u-1"}""", "match", "chosen by the caller" },
        // A source address is not an identity.
        { """{"sourceIps":"10.0.0.0/8"}""", "match.sourceIps", "does not say who" },
        { """{"sourceIps":"198.51.100.0/24","eventNames":"StopLogging","regions":"us-east-1"}""", "match.sourceIps", "does not say who" },
        { """{"samlProviders":"*","sourceIps":"10.0.0.0/8"}""", "match.sourceIps", "does not say who" },
        // A wildcard account matches principals in accounts you do not own.
        { """{"principalArns":"arn:aws:iam::*:role/Deployer"}""", "match.principalArns", "any account" },
        { """{"principalArns":"*:role/Deployer"}""", "match.principalArns", "any account" },
        { """{"principalArns":"arn:aws:iam::11112222333*:role/Deployer"}""", "match.principalArns", "any account" },
        { """{"principalArns":"arn:aws:iam:*:role/Deployer"}""", "match.principalArns", "any account" },
        { """{"principalArns":"arn:*:role/Deployer","accounts":"1111*"}""", "match.principalArns", "any account" },
        // A session ARN never matches: the owner would widen it until it does.
        { """{"principalArns":"arn:aws:sts::111122223333:assumed-role/Deployer/StaxHelper"}""", "match.principalArns", "use arn:aws:iam::111122223333:role/Deployer" },
        { """{"principalArns":"arn:aws:sts::111122223333:assumed-role/Deployer/*"}""", "match.principalArns", "role session ARN" },
        { """{"principalArns":"arn:aws:sts::111122223333:federated-user/bob"}""", "match.principalArns", "STS session ARN" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void TryLoad_WhenMatchWouldBeABlindSpot_ShouldRefuseNamingTheField(string match, string field, string message)
    {
        var (list, errors) = Load(match);

        Assert.Null(list);
        Assert.Contains(errors, e => !e.IsWarning && e.EntryId == "e1" && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:role/*"}""")]
    [InlineData("""{"accounts":"111122223333","principalArns":"arn:aws:iam::*:role/Deployer"}""")]
    [InlineData("""{"accounts":"111122223333","sourceIps":"10.0.0.0/8"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alice","sourceIps":["0.0.0.0/1","2001:db8::/32"]}""")]
    [InlineData("""{"samlProviders":"staxid","sessionNames":"*"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alice","samlProviders":"*"}""")]
    [InlineData("""{"findingTypes":"UnauthorizedAccess:IAMUser/*"}""")]
    [InlineData("""{"accounts":"111122223333","eventNames":"Create*","regions":"us-*"}""")]
    public void TryLoad_WhenMatchNamesWhatItExempts_ShouldAccept(string match)
    {
        var (list, errors) = Load(match);

        Assert.True(list is not null, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("accounts")]
    [InlineData("principalArns")]
    [InlineData("eventNames")]
    [InlineData("regions")]
    public void Matches_WhenAMatchAllValueIsBuiltInCode_ShouldNotMatch(string field)
    {
        var e = Json.Valid(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser));
        var actor = new ActorAttributor().Attribute(e);
        var match = new ExemptionMatch { Accounts = ["111122223333"], PrincipalArns = ["arn:aws:iam::111122223333:user/alice"] };
        var wide = field switch
        {
            "accounts" => match with { Accounts = ["*"] },
            "principalArns" => match with { PrincipalArns = ["*"] },
            "eventNames" => match with { EventNames = ["*"] },
            _ => match with { Regions = ["*"] },
        };

        Assert.True(ExemptionList.Matches(match, e, actor));
        Assert.False(ExemptionList.Matches(wide, e, actor));
    }

    [Fact]
    public void Matches_WhenSourceIpsWithoutIdentityAreBuiltInCode_ShouldNotMatch()
    {
        var e = Json.Valid(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser));
        var actor = new ActorAttributor().Attribute(e);
        var ranges = new[] { GuardAlerts.Core.Text.IpRange.TryParse("198.51.100.0/24", out var r) ? r! : throw new InvalidOperationException() };

        Assert.False(ExemptionList.Matches(new ExemptionMatch { SourceIps = ranges, EventNames = ["StopLogging"] }, e, actor));
        Assert.True(ExemptionList.Matches(new ExemptionMatch { SourceIps = ranges, Accounts = ["111122223333"] }, e, actor));
    }
}
