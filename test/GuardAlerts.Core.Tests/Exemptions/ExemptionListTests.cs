using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Exemptions;

public class ExemptionListTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static ExemptionList List(string match, string expires = "2027-01-01", string action = "suppress") =>
        ExemptionLoader.Load(Json.Utf8($$"""{"exemptions":[{"id":"x","reason":"r","owner":"o","expires":"{{expires}}","action":"{{action}}","match":{{match}}}]}"""), "ex.json", Now);

    private static (SecurityEvent Event, Actor Actor) Deployer(string session = "StaxHelper", string userAgent = "aws-cli/2.15.0")
    {
        var e = Json.Valid(Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.AssumedRole("Deployer", session)).Replace("aws-cli/2.15.0", userAgent, StringComparison.Ordinal));
        return (e, new ActorAttributor().Attribute(e));
    }

    public static TheoryData<string, bool> FieldCases => new()
    {
        { """{"accounts":"111122223333"}""", true },
        { """{"accounts":["444455556666"]}""", false },
        { """{"regions":["us-*"]}""", true },
        { """{"regions":"eu-west-1"}""", false },
        { """{"eventNames":["CreateUser","DeleteUser"]}""", true },
        { """{"eventNames":"DeleteUser"}""", false },
        { """{"findingTypes":"CreateUser"}""", false },
        { """{"principalArns":"arn:aws:iam::111122223333:role/Deployer"}""", true },
        { """{"principalArns":"arn:aws:iam::111122223333:role/Other"}""", false },
        { """{"accounts":"111122223333","principalArns":"*:role/Deployer","sessionNames":"StaxHelper"}""", true },
        { """{"accounts":"111122223333","principalArns":"*:role/Deployer","sessionNames":"Other"}""", false },
        { """{"accounts":"111122223333","userAgents":"aws-cli/*"}""", true },
        { """{"accounts":"111122223333","userAgents":"*Terraform*"}""", false },
        { """{"samlProviders":"okta"}""", false },
        { """{"accounts":"111122223333","sourceIps":"198.51.100.0/24"}""", true },
        { """{"principalArns":"arn:aws:iam::111122223333:role/Deployer","sourceIps":["203.0.113.7","2001:db8::/32"]}""", false },
    };

    [Theory]
    [MemberData(nameof(FieldCases))]
    public void Find_WhenMatchField_ShouldExemptOnlyWhatItNames(string match, bool exempted)
    {
        var (e, actor) = Deployer();

        Assert.Equal(exempted, List(match).Find(e, actor, Now) is not null);
    }

    [Fact]
    public void Find_WhenSessionNamedStaxHelperUnderAnotherRole_ShouldNotExempt()
    {
        var list = List("""{"accounts":"111122223333","principalArns":"arn:aws:iam::*:role/StaxAssurance","sessionNames":"StaxHelper"}""");
        var (e, actor) = Deployer("StaxHelper");

        Assert.Null(list.Find(e, actor, Now));
    }

    [Fact]
    public void Find_WhenForgedTerraformAgentFromUnexemptedPrincipal_ShouldNotExempt()
    {
        var list = List("""{"accounts":"111122223333","principalArns":"*:role/TerraformRunner","userAgents":"*Terraform*"}""");
        var (e, actor) = Deployer(userAgent: "APN/1.0 HashiCorp/1.0 Terraform/1.7.0");

        Assert.Null(list.Find(e, actor, Now));
    }

    [Theory]
    [InlineData("2026-10-02", "2026-10-01T12:00:00Z", true)]
    [InlineData("2026-10-01", "2026-10-01T12:00:00Z", true)]
    [InlineData("2026-10-01", "2026-10-01T00:00:00Z", true)]
    [InlineData("2026-10-01", "2026-10-01T23:59:59.999Z", true)]
    [InlineData("2026-10-01", "2026-10-02T00:00:00Z", false)]
    [InlineData("2026-10-01", "2026-10-02T01:00:00+02:00", true)]
    [InlineData("2026-10-01", "2026-10-01T20:00:00-05:00", false)]
    [InlineData("2026-09-30", "2026-10-01T12:00:00Z", false)]
    public void Find_WhenExpiryDate_ShouldApplyThroughThatLastDayInUtc(string expires, string now, bool applies)
    {
        var (e, actor) = Deployer();
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(applies, List("""{"accounts":"111122223333"}""", expires).Find(e, actor, at) is not null);
    }
}
