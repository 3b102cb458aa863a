using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Members;
using GuardAlerts.Aws.Organizations;

namespace GuardAlerts.Aws.Tests.Members;

public sealed class MemberWatchOptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void FromEnvironment_WhenAnOrganizationAndRegionsAreSet_ShouldReadThemWithTheDefaultEndpoint()
    {
        var options = MemberWatchOptions.FromEnvironment(Env(("GUARDALERTS_MEMBER_REGIONS", "eu-west-1, us-east-1,eu-west-1"), ("GUARDALERTS_ORGANIZATION_ID", "o-a1b2c3d4e5")));

        Assert.Equal(["eu-west-1", "us-east-1"], options.Regions);
        Assert.Empty(options.Accounts);
        Assert.Equal("o-a1b2c3d4e5", options.OrganizationId);
        Assert.Equal(OrganizationsClient.DefaultEndpoint, options.OrganizationsEndpoint);
    }

    [Fact]
    public void FromEnvironment_WhenTheOrganizationsEndpointIsOverridden_ShouldUseIt()
    {
        var options = MemberWatchOptions.FromEnvironment(Env(("GUARDALERTS_MEMBER_REGIONS", "eu-west-1"), ("GUARDALERTS_MEMBER_ACCOUNTS", "444455556666"),
            ("AWS_ENDPOINT_URL", "http://localhost:1"), ("AWS_ENDPOINT_URL_ORGANIZATIONS", "http://localhost:4566")));

        Assert.Equal(new Uri("http://localhost:4566"), options.OrganizationsEndpoint);
        Assert.Equal(["444455556666"], options.Accounts);
    }

    [Fact]
    public void FromEnvironment_WhenSettingsAreMissingOrMalformed_ShouldNameEveryVariable()
    {
        var error = Assert.Throws<AwsOptionsException>(() => MemberWatchOptions.FromEnvironment(Env(
            ("GUARDALERTS_MEMBER_ACCOUNTS", "4444-5555-6666"), ("GUARDALERTS_ORGANIZATION_ID", "org1"), ("AWS_ENDPOINT_URL_ORGANIZATIONS", "localhost"))));

        Assert.Equal(
        [
            "GUARDALERTS_MEMBER_REGIONS is not set (comma-separated regions every member account should send heartbeats from)",
            "GUARDALERTS_MEMBER_ACCOUNTS: '4444-5555-6666' is not an account id (12 digits)",
            "GUARDALERTS_ORGANIZATION_ID: 'org1' is not an organization id (o- and 10 to 32 lowercase letters or digits)",
            "exactly one of GUARDALERTS_ORGANIZATION_ID and GUARDALERTS_MEMBER_ACCOUNTS must be set",
            "AWS_ENDPOINT_URL_ORGANIZATIONS must be an absolute http(s) URL, got 'localhost'",
        ], error.Errors);
    }

    [Fact]
    public void FromEnvironment_WhenARegionIsMalformed_ShouldNameIt() =>
        Assert.Contains("GUARDALERTS_MEMBER_REGIONS: 'EU-WEST-1' is not a region name (e.g. eu-west-1)",
            Assert.Throws<AwsOptionsException>(() => MemberWatchOptions.FromEnvironment(Env(("GUARDALERTS_MEMBER_REGIONS", "EU-WEST-1"), ("GUARDALERTS_MEMBER_ACCOUNTS", "444455556666")))).Errors);
}
