using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Attribution;

/// <summary>
/// Provider labels come from what AWS sets (the account, the issuing role, the SAML provider of an accepted sign-in)
/// and the accounts config/providers.json sets the provider up in; names alone only earn an UNVERIFIED claim.
/// </summary>
public class ProviderLabelTests
{
    private const string ProvidersJson = """
        {"providers":[{"id":"stax","name":"Stax","accounts":["111122223333"],"samlProviders":["staxid"],"engineerRoles":["staxid-admin-role"],
          "automationRoles":["arn:aws:iam::111122223333:role/StaxAccountAssurance"],"automationSessionName":"StaxHelper","userTypeTag":"stax-user-type"}]}
        """;

    private static readonly ActorAttributor Configured = new(ManagedProviderLoader.Load(Json.Utf8(ProvidersJson), "providers.json"));

    private static string? Label(string json, ActorAttributor? attributor = null) => (attributor ?? Configured).Attribute(Json.Valid(json)).Label;

    private static string Call(string identity, string extra = "") => Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", identity, extra);

    private static string SamlSignIn(string role = "arn:aws:iam::111122223333:role/staxid-admin-role", string provider = "arn:aws:iam::111122223333:saml-provider/staxid", string extra = "") =>
        Json.ApiCall("AssumeRoleWithSAML", "sts.amazonaws.com", """{"type":"SAMLUser","principalId":"p:u","userName":"u","identityProvider":"idp"}""",
            $$$""","requestParameters":{"roleArn":"{{{role}}}","principalArn":"{{{provider}}}","roleSessionName":"7c9e6679-7425-40de-944b-e07fc1f90ae7","principalTags":{"stax-user-type":"provider"}}{{{extra}}}""");

    [Fact]
    public void Label_WhenConfiguredAutomationRoleInConfiguredAccount_ShouldNameTheProvider() =>
        Assert.Equal("Stax automation (role StaxAccountAssurance)", Label(Call(Json.AssumedRole("StaxAccountAssurance", "StaxHelper"))));

    [Theory]
    [InlineData("Deployer")]
    [InlineData("staxid-helper-role")]
    [InlineData("StaxAccountAssurance-copy")]
    public void Label_WhenOnlyTheSessionNameSaysStaxHelper_ShouldBeAnUnverifiedClaim(string role)
    {
        var label = Label(Call(Json.AssumedRole(role, "StaxHelper")));

        Assert.StartsWith("claims to be Stax automation (session name StaxHelper); UNVERIFIED: role " + role, label, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_WhenTheAutomationRoleIsInAnotherAccount_ShouldBeAnUnverifiedClaim()
    {
        // A role of the same name in an account the provider is not set up in: its owner chose the name.
        var identity = Json.AssumedRole("StaxAccountAssurance", "StaxHelper").Replace("111122223333", "444455556666", StringComparison.Ordinal);

        Assert.StartsWith("claims to be Stax automation", Label(Call(identity)), StringComparison.Ordinal);
    }

    [Fact]
    public void Label_WhenAccountNotConfigured_ShouldBeAnUnverifiedClaimNamingTheAccount()
    {
        var json = Call(Json.AssumedRole("StaxAccountAssurance", "StaxHelper")).Replace("111122223333", "777788889999", StringComparison.Ordinal);

        Assert.Equal("claims to be Stax automation (session name StaxHelper); UNVERIFIED: account 777788889999 is not one config/providers.json sets Stax up in", Label(json));
    }

    [Fact]
    public void Label_WhenEngineerSignsInThroughTheAccountsOwnProvider_ShouldNameUserAndType() =>
        Assert.Equal("Stax engineer access (user 7c9e6679-7425-40de-944b-e07fc1f90ae7, type provider)", Label(SamlSignIn()));

    [Theory]
    [InlineData("arn:aws:iam::444455556666:role/staxid-admin-role", "arn:aws:iam::111122223333:saml-provider/staxid", "the role or the SAML provider is in another account")]
    [InlineData("arn:aws:iam::111122223333:role/staxid-admin-role", "arn:aws:iam::444455556666:saml-provider/staxid", "the role or the SAML provider is in another account")]
    public void Label_WhenRoleOrProviderIsElsewhere_ShouldBeAnUnverifiedClaim(string role, string provider, string why) =>
        Assert.EndsWith("UNVERIFIED: " + why + " than this event's", Label(SamlSignIn(role, provider)), StringComparison.Ordinal);

    [Fact]
    public void Label_WhenSignInWasRefused_ShouldBeAnUnverifiedClaim() =>
        Assert.EndsWith("UNVERIFIED: the call was refused (AccessDenied)", Label(SamlSignIn(extra: ""","errorCode":"AccessDenied" """)), StringComparison.Ordinal);

    [Fact]
    public void Label_WhenSamlIntoAnotherRoleOrFromAnotherProvider_ShouldNotLabel()
    {
        Assert.Null(Label(SamlSignIn(role: "arn:aws:iam::111122223333:role/other")));
        Assert.Null(Label(SamlSignIn(provider: "arn:aws:iam::111122223333:saml-provider/okta")));
    }

    [Fact]
    public void Label_WhenSessionOfTheEngineerRole_ShouldBeAnUnverifiedClaim()
    {
        // Nothing in a later call's record shows the SAML sign-in that started the session.
        var label = Label(Call(Json.AssumedRole("staxid-admin-role", "7c9e6679")));

        Assert.StartsWith("claims to be a Stax engineer session (role staxid-admin-role, user 7c9e6679); UNVERIFIED", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_WhenNoProvidersAreConfigured_ShouldGiveNoLabel()
    {
        Assert.Null(Label(Call(Json.AssumedRole("StaxAccountAssurance", "StaxHelper")), new ActorAttributor()));
        Assert.Null(Label(SamlSignIn(), new ActorAttributor()));
    }

    [Theory]
    [InlineData("StaxAccountAssurance", "111122223333", "Stax automation (role StaxAccountAssurance)")]
    [InlineData("Deployer", "111122223333", "claims to be Stax automation (session name StaxHelper); UNVERIFIED: role Deployer in account 111122223333 is not a Stax automation role in config/providers.json")]
    [InlineData("StaxAccountAssurance", "444455556666", "claims to be Stax automation (session name StaxHelper); UNVERIFIED: account 444455556666 is not one config/providers.json sets Stax up in")]
    public void Label_WhenGuardDutyFindingOnAnAutomationSession_ShouldVerifyRoleAndAccount(string role, string account, string expected)
    {
        var resource = $$$"""{"resourceType":"AccessKey","accessKeyDetails":{"accessKeyId":"ASIAEXAMPLE","principalId":"AROAEXAMPLE:StaxHelper","userName":"{{{role}}}","userType":"AssumedRole"}}""";

        var label = Label(Json.Finding("Persistence:IAMUser/AnomalousBehavior", 5, resource).Replace("111122223333", account, StringComparison.Ordinal));

        Assert.Equal(expected, label);
    }

    [Theory]
    [InlineData("""{"providers":[{"id":"a","name":"A","accounts":["1234"]}]}""", "entry 'a', field 'accounts'")]
    [InlineData("""{"providers":[{"id":"a","name":"A","automationRoles":["arn:aws:iam::111122223333:user/x"]}]}""", "entry 'a', field 'automationRoles'")]
    [InlineData("""{"providers":[{"id":"a","name":"A","engineerRoles":["arn:aws:iam::111122223333:role/x"]}]}""", "entry 'a', field 'engineerRoles'")]
    [InlineData("""{"providers":[{"id":"a","name":"A","sessionNames":["x"]}]}""", "entry 'a', field 'sessionNames': unknown field")]
    [InlineData("""{"providers":[{"id":"a"}]}""", "entry 'a', field 'name'")]
    [InlineData("""{"providers":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}""", "entry 'a', field 'id': duplicate id")]
    [InlineData("""{"provider":[]}""", "field 'providers'")]
    public void Load_WhenEntryIsWrong_ShouldNameFileEntryAndField(string json, string expected)
    {
        var (profiles, errors) = ManagedProviderLoader.TryLoad(Json.Utf8(json), "providers.json");

        Assert.Null(profiles);
        Assert.Contains(errors, e => e.ToString().Contains(expected, StringComparison.Ordinal) && e.File == "providers.json");
    }
}
