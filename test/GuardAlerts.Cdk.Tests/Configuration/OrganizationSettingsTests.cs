using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Tests.Configuration;

public sealed class OrganizationSettingsTests
{
    [Fact]
    public void FromContext_WithoutDeployment_ShouldBeStandalone()
    {
        var settings = DeploymentSettings.FromContext(k => k == "alertEmails" ? "a@x.com" : null);

        Assert.Equal(DeploymentMode.Standalone, settings.Organization.Mode);
    }

    [Theory]
    [InlineData("organizationId", "o-a1b2c3d4e5")]
    [InlineData("memberAccounts", "111122223333, 444455556666")]
    public void FromContext_CentralWithOrganizationOrAccounts_ShouldBeCentral(string key, string value)
    {
        var settings = Read(new() { ["deployment"] = "central", [key] = value, ["alertEmails"] = "a@x.com" });

        Assert.Equal(DeploymentMode.Central, settings.Organization.Mode);
        Assert.Equal(key == "organizationId" ? value : null, settings.Organization.OrganizationId);
        Assert.Equal(key == "memberAccounts" ? ["111122223333", "444455556666"] : [], settings.Organization.MemberAccounts);
    }

    [Fact]
    public void FromContext_CentralWithMemberRegions_ShouldReadThem()
    {
        var settings = Read(new() { ["deployment"] = "central", ["organizationId"] = "o-a1b2c3d4e5", ["memberRegions"] = "eu-west-1, us-east-1,eu-west-1", ["alertEmails"] = "a@x.com" });

        Assert.Equal(["eu-west-1", "us-east-1"], settings.Organization.MemberRegions);
    }

    [Fact]
    public void FromContext_Member_ShouldNeedNoSubscriber()
    {
        var settings = Read(new() { ["deployment"] = "member", ["centralBusArn"] = "arn:aws:events:eu-west-1:111122223333:event-bus/GuardAlerts-eu-west-1-CentralBus" });

        Assert.Equal(DeploymentMode.Member, settings.Organization.Mode);
        Assert.False(settings.Organization.ForwardGuardDuty);
    }

    [Theory]
    [InlineData("deployment=centre", "deployment: 'centre' is not one of standalone, central, member")]
    [InlineData("deployment=1", "deployment: '1' is not one of")]
    [InlineData("deployment=central", "deployment=central needs exactly one of organizationId")]
    [InlineData("deployment=central;organizationId=o-a1b2c3d4e5;memberAccounts=111122223333", "deployment=central needs exactly one of organizationId")]
    [InlineData("deployment=central;organizationId=org-1", "organizationId: 'org-1' is not an organization id")]
    [InlineData("deployment=central;memberAccounts=1111", "memberAccounts: '1111' is not an account id (12 digits)")]
    [InlineData("deployment=member", "deployment=member needs centralBusArn")]
    [InlineData("deployment=member;centralBusArn=arn:aws:sns:eu-west-1:111122223333:x", "centralBusArn: 'arn:aws:sns:eu-west-1:111122223333:x' is not an event bus ARN")]
    [InlineData("deployment=member;centralBusArn=arn:aws:events:eu-west-1:111122223333:event-bus/b;alertEmails=a@x.com", "alertEmails does not apply to deployment=member")]
    [InlineData("deployment=member;centralBusArn=arn:aws:events:eu-west-1:111122223333:event-bus/b;regions=eu-west-1", "regions does not apply to deployment=member")]
    [InlineData("deployment=member;centralBusArn=arn:aws:events:eu-west-1:111122223333:event-bus/b;forwardGuardDuty=yes", "forwardGuardDuty: 'yes' is not true or false")]
    [InlineData("organizationId=o-a1b2c3d4e5", "organizationId applies to deployment=central only, not standalone")]
    [InlineData("centralBusArn=arn:aws:events:eu-west-1:111122223333:event-bus/b", "centralBusArn applies to deployment=member only, not standalone")]
    [InlineData("deployment=central;organizationId=o-a1b2c3d4e5;forwardGuardDuty=true", "forwardGuardDuty applies to deployment=member only, not central")]
    [InlineData("deployment=central;organizationId=o-a1b2c3d4e5;memberRegions=eu-west-1,EU-central-1", "memberRegions: 'EU-central-1' is not a region name (e.g. us-east-1)")]
    [InlineData("memberRegions=eu-west-1", "memberRegions applies to deployment=central only, not standalone")]
    [InlineData("deployment=member;centralBusArn=arn:aws:events:eu-west-1:111122223333:event-bus/b;memberRegions=eu-west-1", "memberRegions applies to deployment=central only, not member")]
    public void FromContext_WithBadOrganizationSettings_ShouldRefuseNamingTheSetting(string context, string expected)
    {
        var values = context.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => (object?)p[1]);
        if (!values.ContainsKey("deployment") || (string?)values["deployment"] != "member")
        {
            values.TryAdd("alertEmails", "a@x.com");
        }

        var error = Assert.Throws<DeploymentSettingsException>(() => Read(values));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromContext_WithTheOrganizationKeys_ShouldKnowThem()
    {
        var keys = new[] { "deployment", "organizationId", "memberAccounts", "centralBusArn", "forwardGuardDuty", "memberRegions" };

        Assert.All(keys, k => Assert.Contains(k, ContextKeys.Known));
    }

    private static DeploymentSettings Read(Dictionary<string, object?> context) =>
        DeploymentSettings.FromContext(k => context.GetValueOrDefault(k), context.Keys);
}
