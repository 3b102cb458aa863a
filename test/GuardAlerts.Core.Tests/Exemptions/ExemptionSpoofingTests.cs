using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Exemptions;

/// <summary>
/// Exemption spoofing, field by field beyond <see cref="ExemptionListTests"/>: what each match field exempts and
/// what it must not (GuardDuty principals, SAML providers, regions, IPv6 and IPv4-mapped source addresses, globs that
/// must not over-match), and that nothing the caller chooses (session name, user agent, the parameters of a call
/// AWS refused) is enough to be exempted.
/// </summary>
public class ExemptionSpoofingTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static bool Exempted(string match, string eventJson)
    {
        var list = ExemptionLoader.Load(Json.Utf8($$"""{"exemptions":[{"id":"x","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{{match}}}]}"""), "ex.json", Now);
        var e = Json.Valid(eventJson);
        return list.Find(e, new ActorAttributor().Attribute(e), Now) is not null;
    }

    private static string KeyFinding(string userType, string userName, string principalId, string type = "UnauthorizedAccess:IAMUser/MaliciousIPCaller") =>
        Json.Finding(type, 5.0, resource: $$$"""{"resourceType":"AccessKey","accessKeyDetails":{"accessKeyId":"ASIAEXAMPLE","principalId":"{{{principalId}}}","userName":"{{{userName}}}","userType":"{{{userType}}}"}}""");

    private static string SamlSignIn(string providerArn, string roleArn = "arn:aws:iam::111122223333:role/staxid-admin-role", string extra = "") =>
        Json.ApiCall("AssumeRoleWithSAML", "sts.amazonaws.com",
            """{"type":"SAMLUser","principalId":"SURQOmU=:u-1","userName":"u-1","identityProvider":"SURQOmU="}""",
            $$""","requestParameters":{"roleArn":"{{roleArn}}","principalArn":"{{providerArn}}","roleSessionName":"u-1"}{{extra}}""");

    private static string FromIp(string ip) =>
        Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.IamUser).Replace("198.51.100.7", ip, StringComparison.Ordinal);

    public static TheoryData<string, string, bool> GuardDutyCases => new()
    {
        // Assumed role: the principal is the role GuardDuty names; the session (after ':' in principalId) is the caller's choice.
        { KeyFinding("AssumedRole", "Deployer", "AROAEXAMPLE:StaxHelper"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:role/Deployer"}""", true },
        { KeyFinding("AssumedRole", "Deployer", "AROAEXAMPLE:StaxHelper"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:role/StaxAssurance","sessionNames":"StaxHelper"}""", false },
        { KeyFinding("AssumedRole", "Deployer", "AROAEXAMPLE:StaxHelper"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:role/Deployer","sessionNames":"StaxHelper"}""", true },
        { KeyFinding("AssumedRole", "Deployer", "AROAEXAMPLE:ci-run"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:role/Deployer","sessionNames":"StaxHelper"}""", false },
        { KeyFinding("AssumedRole", "Deployer", "AROAEXAMPLE:StaxHelper"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::444455556666:role/Deployer"}""", false },
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:user/alice"}""", true },
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:user/alice2"}""", false },
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:role/alice"}""", false },
        { KeyFinding("Root", "root", "111122223333"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:root"}""", true },
        { KeyFinding("Root", "root", "111122223333"), """{"findingTypes":"UnauthorizedAccess:*","principalArns":"arn:aws:iam::111122223333:user/root"}""", false },
        // An exemption that names no finding type is about API calls: it never silences a finding about the principal.
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"principalArns":"arn:aws:iam::111122223333:user/alice"}""", false },
        { KeyFinding("Root", "root", "111122223333"), """{"accounts":"111122223333","principalArns":"arn:aws:iam::111122223333:root"}""", false },
        // A finding about an instance names no principal: a principal exemption cannot match it.
        { Json.Finding("Recon:EC2/PortProbeUnprotectedPort", 5.0), """{"findingTypes":"Recon:*","principalArns":"arn:aws:iam::111122223333:role/Deployer"}""", false },
        // findingTypes match GuardDuty types only; eventNames never match a finding.
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"findingTypes":"UnauthorizedAccess:IAMUser/*"}""", true },
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"findingTypes":"UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom"}""", false },
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"findingTypes":"Recon:*"}""", false },
        { KeyFinding("IAMUser", "alice", "AIDAEXAMPLE"), """{"eventNames":"UnauthorizedAccess:IAMUser/MaliciousIPCaller"}""", false },
    };

    [Theory]
    [MemberData(nameof(GuardDutyCases))]
    public void Find_WhenGuardDutyFinding_ShouldMatchThePrincipalBuiltFromAccessKeyDetailsOnly(string finding, string match, bool exempted) =>
        Assert.Equal(exempted, Exempted(match, finding));

    public static TheoryData<string, string, bool> SamlCases => new()
    {
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"arn:aws:iam::111122223333:saml-provider/staxid"}""", true },
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"staxid"}""", true },
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"STAXID"}""", true },
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"okta"}""", false },
        { "arn:aws:iam::111122223333:saml-provider/staxid-evil", """{"samlProviders":"staxid"}""", false },
        { "arn:aws:iam::111122223333:saml-provider/evil-staxid", """{"samlProviders":"staxid"}""", false },
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"arn:aws:iam::444455556666:saml-provider/staxid"}""", false },
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"staxid","sessionNames":"u-1"}""", true },
        { "arn:aws:iam::111122223333:saml-provider/staxid", """{"samlProviders":"staxid","sessionNames":"u-2"}""", false },
    };

    [Theory]
    [MemberData(nameof(SamlCases))]
    public void Find_WhenSamlProvider_ShouldMatchItsArnOrExactNameOnly(string providerArn, string match, bool exempted) =>
        Assert.Equal(exempted, Exempted(match, SamlSignIn(providerArn)));

    [Fact]
    public void Find_WhenConsoleSignInThroughSamlProvider_ShouldMatchTheProviderAwsRecorded()
    {
        var signIn = Json.ApiCall("ConsoleLogin", "signin.amazonaws.com", Json.AssumedRole("okta-admin", "alice@example.com"),
            ""","additionalEventData":{"MFAUsed":"No","SamlProviderArn":"arn:aws:iam::111122223333:saml-provider/okta"},"responseElements":{"ConsoleLogin":"Success"}""");

        Assert.True(Exempted("""{"samlProviders":"okta"}""", signIn));
        Assert.False(Exempted("""{"samlProviders":"staxid"}""", signIn));
    }

    [Theory]
    [InlineData("""{"samlProviders":"staxid"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:role/staxid-admin-role"}""")]
    [InlineData("""{"samlProviders":"staxid","principalArns":"arn:aws:iam::111122223333:role/staxid-admin-role"}""")]
    public void Find_WhenAssumeRoleWithSamlFailed_ShouldNotTrustTheRoleAndProviderTheCallerNamed(string match)
    {
        // AWS refused the assertion: the role and provider in the request are only what the caller typed, and a
        // refused attempt to become the exempted engineer role is exactly what must alert.
        var refused = SamlSignIn("arn:aws:iam::111122223333:saml-provider/staxid", extra: ""","errorCode":"AccessDenied","errorMessage":"Not authorized to perform sts:AssumeRoleWithSAML" """);

        Assert.False(Exempted(match, refused));
        Assert.True(Exempted(match, SamlSignIn("arn:aws:iam::111122223333:saml-provider/staxid")));
    }

    [Fact]
    public void Find_WhenAssumeRoleWithWebIdentityFailed_ShouldNotTrustTheRoleTheCallerNamed()
    {
        var call = Json.ApiCall("AssumeRoleWithWebIdentity", "sts.amazonaws.com",
            """{"type":"WebIdentityUser","principalId":"token.actions.githubusercontent.com:sts.amazonaws.com:repo:evil/repo:ref:refs/heads/main","userName":"repo:evil/repo:ref:refs/heads/main","identityProvider":"token.actions.githubusercontent.com"}""",
            ""","requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/github-deploy","roleSessionName":"gh"}""");
        const string Match = """{"principalArns":"arn:aws:iam::111122223333:role/github-deploy"}""";

        Assert.True(Exempted(Match, call));
        Assert.False(Exempted(Match, call.Replace("\"roleSessionName\":\"gh\"}", "\"roleSessionName\":\"gh\"},\"errorCode\":\"AccessDenied\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("us-east-1", """{"regions":"us-east-1"}""", true)]
    [InlineData("us-east-1", """{"regions":["eu-west-1","us-*"]}""", true)]
    [InlineData("us-east-1", """{"regions":"us-east-2"}""", false)]
    [InlineData("us-east-1", """{"regions":"us-east"}""", false)]
    [InlineData("us-east-1", """{"regions":"east-1"}""", false)]
    [InlineData("us-gov-east-1", """{"regions":"us-east-*"}""", false)]
    public void Find_WhenRegions_ShouldMatchTheWholeRegionName(string region, string match, bool exempted) =>
        Assert.Equal(exempted, Exempted(match, Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.IamUser).Replace("us-east-1", region, StringComparison.Ordinal)));

    [Theory]
    [InlineData("2001:db8::7", "2001:db8::/32", true)]
    [InlineData("2001:db8::7", "2001:db8::7", true)]
    [InlineData("2001:db8::7", "2001:db8::8", false)]
    [InlineData("2001:db9::7", "2001:db8::/32", false)]
    [InlineData("2001:db8::7", "0.0.0.0/1", false)]
    [InlineData("198.51.100.7", "2000::/4", false)]
    [InlineData("::ffff:198.51.100.7", "198.51.100.0/24", true)]
    [InlineData("::ffff:198.51.100.7", "203.0.113.0/24", false)]
    [InlineData("198.51.100.7", "198.51.100.0/25", true)]
    [InlineData("198.51.100.200", "198.51.100.0/25", false)]
    [InlineData("198.51.101.7", "198.51.100.0/24", false)]
    [InlineData("AWS Internal", "0.0.0.0/1", false)]
    [InlineData("ec2.amazonaws.com", "128.0.0.0/1", false)]
    public void Find_WhenSourceIps_ShouldMatchAddressesInsideTheRangeOnly(string sourceIp, string range, bool exempted) =>
        Assert.Equal(exempted, Exempted($$"""{"principalArns":"arn:aws:iam::111122223333:user/alice","sourceIps":"{{range}}"}""", FromIp(sourceIp)));

    [Theory]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alic"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alice-admin"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alic?"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/[a]lice"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/*/alice"}""")]
    [InlineData("""{"accounts":"111122223333","principalArns":"arn:aws:iam::11112222333*:user/bob"}""")]
    [InlineData("""{"accounts":"11112222333"}""")]
    [InlineData("""{"accounts":"1111222233334"}""")]
    [InlineData("""{"eventNames":"Create"}""")]
    [InlineData("""{"eventNames":"CreateUser2"}""")]
    public void Find_WhenPatternOnlyLooksLikeTheValue_ShouldNotExempt(string match) =>
        Assert.False(Exempted(match, Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.IamUser)));

    [Theory]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alice","sessionNames":"*"}""")]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:user/alice","samlProviders":"*"}""")]
    [InlineData("""{"accounts":"111122223333","userAgents":"*"}""")]
    public void Find_WhenFieldIsGivenButTheEventHasNoSuchValue_ShouldNotExempt(string match)
    {
        // An IAM user has no session and no SAML provider; this call carries no user agent. '*' needs a value.
        var call = Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.IamUser).Replace("\"userAgent\":\"aws-cli/2.15.0\",", "", StringComparison.Ordinal);

        Assert.False(Exempted(match, call));
    }

    [Theory]
    [InlineData("Deployer", "StaxHelper")]
    [InlineData("StaxAssurance-copy", "StaxHelper")]
    [InlineData("path/StaxAssurance", "StaxHelper")]
    [InlineData("Deployer", "staxhelper")]
    [InlineData("Deployer", "StaxHelper\u200B")]
    public void Find_WhenExemptedSessionNameUnderAnotherRole_ShouldNotExempt(string role, string session)
    {
        const string Match = """{"principalArns":"arn:aws:iam::111122223333:role/StaxAssurance","sessionNames":"StaxHelper"}""";
        var call = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.AssumedRole(role, session).Replace("\"userName\":\"" + role + "\"", "\"userName\":\"" + ArnTail(role) + "\"", StringComparison.Ordinal));

        Assert.False(Exempted(Match, call));
        Assert.True(Exempted(Match, Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.AssumedRole("StaxAssurance", "StaxHelper"))));
    }

    [Theory]
    [InlineData("APN/1.0 HashiCorp/1.0 Terraform/1.7.0 (+https://www.terraform.io)")]
    [InlineData("Terraform")]
    public void Find_WhenTerraformUserAgentFromAnUnexemptedPrincipal_ShouldNotExempt(string userAgent)
    {
        const string Match = """{"principalArns":"arn:aws:iam::111122223333:role/terraform-deployer","userAgents":"*Terraform*"}""";
        var forged = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser).Replace("aws-cli/2.15.0", userAgent, StringComparison.Ordinal);
        var real = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.AssumedRole("terraform-deployer", "run-1")).Replace("aws-cli/2.15.0", userAgent, StringComparison.Ordinal);

        Assert.False(Exempted(Match, forged));
        Assert.True(Exempted(Match, real));
    }

    [Theory]
    [InlineData("""{"sessionNames":"StaxHelper","regions":"us-east-1","eventNames":"StopLogging","findingTypes":"*","sourceIps":"0.0.0.0/0"}""")]
    [InlineData("""{"userAgents":"*Terraform*","regions":"*"}""")]
    [InlineData("""{"sessionNames":["StaxHelper"],"userAgents":["*"]}""")]
    public void TryLoad_WhenCallerChosenFieldsComeWithOnlyNonIdentityFields_ShouldReject(string match)
    {
        var (list, errors) = ExemptionLoader.TryLoad(Json.Utf8($$"""{"exemptions":[{"id":"x","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{{match}}}]}"""), "ex.json", Now);

        Assert.Null(list);
        Assert.Contains(errors, e => e.Field == "match" && e.Message.Contains("chosen by the caller", StringComparison.Ordinal));
    }

    [Fact]
    public void Matches_WhenBuiltInCodeFromCallerChosenFieldsOnly_ShouldNotMatch()
    {
        // Validation is not the only guard: a match built without the loader still never trusts these alone.
        var e = Json.Valid(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.AssumedRole("Deployer", "StaxHelper")).Replace("aws-cli/2.15.0", "Terraform/1.7.0", StringComparison.Ordinal));
        var actor = new ActorAttributor().Attribute(e);
        var match = new ExemptionMatch { SessionNames = ["StaxHelper"], UserAgents = ["*Terraform*"], Regions = ["us-east-1"] };

        Assert.False(ExemptionList.Matches(match, e, actor));
        Assert.True(ExemptionList.Matches(match with { PrincipalArns = ["arn:aws:iam::111122223333:role/Deployer"] }, e, actor));
    }

    private static string ArnTail(string role) => role[(role.LastIndexOf('/') + 1)..];
}
