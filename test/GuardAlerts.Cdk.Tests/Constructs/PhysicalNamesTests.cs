using GuardAlerts.Cdk.Constructs;

namespace GuardAlerts.Cdk.Tests.Constructs;

public sealed class PhysicalNamesTests
{
    [Theory]
    [InlineData("GuardAlerts", "eu-west-1", "GuardAlerts-eu-west-1-Heartbeat")]
    [InlineData("GuardAlerts-eu-west-1", "eu-west-1", "GuardAlerts-eu-west-1-Heartbeat")]
    [InlineData("GuardAlerts", null, "GuardAlerts-Heartbeat")]
    public void Name_WhenTheStackNameIsShort_ShouldBeTheStackAndRegionAndPurpose(string stack, string? region, string expected)
    {
        Assert.Equal(expected, PhysicalNames.For(stack, region).Name("Heartbeat"));
    }

    [Theory]
    [InlineData("GuardAlerts-ap-southeast-2", "ap-southeast-2")]
    [InlineData("GuardAlerts-ap-southeast-2-GlobalEvents", "us-east-1")]
    [InlineData("AVeryLongStackNameThatSomeoneChoseForTheirAlertingDeploymentInProduction-0123456789", "ap-southeast-2")]
    public void Name_WhenTheStackNameIsLong_ShouldFitTheLimitWithTheLongestPurposeAndStayUnique(string stack, string region)
    {
        var names = PhysicalNames.For(stack, region);
        var other = PhysicalNames.For(stack + "x", region);

        var name = names.Name("SelfProtectionRulesWatch12345");

        Assert.True(name.Length <= PhysicalNames.MaxLength, name);
        Assert.Equal(name, PhysicalNames.For(stack, region).Name("SelfProtectionRulesWatch12345"));
        Assert.NotEqual(name, other.Name("SelfProtectionRulesWatch12345"));
        Assert.StartsWith(names.AlarmPrefix, names.Alarm("GuarddutyCanaryMissing"), StringComparison.Ordinal);
    }

    [Fact]
    public void For_WhenTheSameStackNameIsInTwoRegions_ShouldNameItsGlobalRolesApart()
    {
        Assert.NotEqual(PhysicalNames.For("GuardAlerts", "eu-west-1").Name("GuardDutyRole"), PhysicalNames.For("GuardAlerts", "eu-central-1").Name("GuardDutyRole"));
    }

    [Theory]
    [InlineData("Has-Dash")]
    [InlineData("ThisPurposeIsFarTooLongToFitIntoSixtyFourCharactersWithTheBase")]
    public void Name_WhenThePurposeIsNotAShortWord_ShouldThrow(string purpose)
    {
        Assert.Throws<ArgumentException>(() => PhysicalNames.For("GuardAlerts-ap-southeast-2-GlobalEvents", "us-east-1").Name(purpose));
    }
}
