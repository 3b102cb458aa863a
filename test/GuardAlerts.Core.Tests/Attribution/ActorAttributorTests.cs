using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Attribution;

public class ActorAttributorTests
{
    private static Actor Attribute(string eventName, string identity, string extra = "", string source = "iam.amazonaws.com") =>
        new ActorAttributor().Attribute(Json.Valid(Json.ApiCall(eventName, source, identity, extra)));

    [Theory]
    [InlineData("""{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice","accountId":"111122223333"}""", "IAMUser", "alice", "arn:aws:iam::111122223333:user/alice")]
    [InlineData("""{"type":"Root","accountId":"111122223333","arn":"arn:aws:iam::111122223333:root"}""", "Root", "root", "arn:aws:iam::111122223333:root")]
    [InlineData("""{"type":"Root","accountId":"111122223333"}""", "Root", "root", "arn:aws:iam::111122223333:root")]
    [InlineData("""{"type":"FederatedUser","arn":"arn:aws:sts::111122223333:federated-user/bob","sessionContext":{"sessionIssuer":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/broker","userName":"broker"}}}""", "FederatedUser", "federated user bob", "arn:aws:iam::111122223333:user/broker")]
    [InlineData("""{"type":"AWSService","invokedBy":"config.amazonaws.com"}""", "AWSService", "config.amazonaws.com", null)]
    [InlineData("""{"type":"AWSAccount","accountId":"444455556666","principalId":"AIDA"}""", "AWSAccount", "AWS account 444455556666", null)]
    [InlineData("""{"type":"IdentityCenterUser","accountId":"111122223333","onBehalfOf":{"userId":"u-123","identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-1"}}""", "IdentityCenterUser", "Identity Center user u-123", null)]
    [InlineData("""{"type":"Unknown","principalId":"111122223333","arn":"","userName":"user1"}""", "Unknown", "user1", null)]
    [InlineData("""{"principalId":"x"}""", "Unknown", "x", null)]
    public void Attribute_WhenIdentityType_ShouldNameActorAndPrincipal(string identity, string type, string name, string? principalArn)
    {
        var actor = Attribute("CreateUser", identity);

        Assert.Equal(type, actor.IdentityType);
        Assert.Equal(name, actor.Name);
        Assert.Equal(principalArn, actor.PrincipalArn);
    }

    [Fact]
    public void Attribute_WhenAssumedRole_ShouldUseIssuingRoleNotSession()
    {
        var actor = Attribute("CreateUser", Json.AssumedRole("Deployer", "StaxHelper"));

        Assert.Equal("arn:aws:iam::111122223333:role/Deployer", actor.PrincipalArn);
        Assert.Equal("StaxHelper", actor.SessionName);
        Assert.Equal("role Deployer (session StaxHelper)", actor.Name);
    }

    private const string ConsoleSession = ",\"sessionCredentialFromConsole\":\"true\"";

    private const string RootIdentity = """{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}""";

    private const string ConsoleUserIdentity = """{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE","userName":"alice","sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}""";

    // Whether "WITHOUT MFA" is said follows from fields AWS sets; the user agent is the caller's to choose, so none of
    // these may change the answer.
    public static TheoryData<string> UserAgents => new()
    {
        "aws-cli/2.15.0",
        "Boto3/1.34.0 md/Botocore#1.34.0 ua/2.0 os/linux#5.10 lang/python#3.12.1 exec-env/AWS_Lambda_python3.12",
        "lambda.amazonaws.com",
        "Terraform/1.7.0 (+https://www.terraform.io) terraform-provider-aws/5.40.0",
        "AWS Internal",
        "console.amazonaws.com",
    };

    [Theory]
    [MemberData(nameof(UserAgents))]
    public void Attribute_WhenRoleSessionOutsideConsoleSaysNoMfa_ShouldNotCallItMissingWhateverTheUserAgent(string userAgent)
    {
        Assert.Equal(MfaStatus.NotApplicable, AttributeWithAgent(Json.AssumedRole("orders-api", "orders-api"), userAgent).Mfa);
    }

    [Theory]
    [MemberData(nameof(UserAgents))]
    public void Attribute_WhenRoleSessionFromConsoleSaysNoMfa_ShouldCallItMissingWhateverTheUserAgent(string userAgent)
    {
        Assert.Equal(MfaStatus.NotUsed, AttributeWithAgent(Json.AssumedRole("Admin", "jo"), userAgent, ConsoleSession).Mfa);
    }

    [Theory]
    [MemberData(nameof(UserAgents))]
    public void Attribute_WhenRootOrUserSessionSaysNoMfa_ShouldCallItMissingWhateverTheUserAgent(string userAgent)
    {
        // A stolen root or IAM user credential calling itself Terraform or a Lambda function keeps its "WITHOUT MFA".
        Assert.Equal(MfaStatus.NotUsed, AttributeWithAgent(RootIdentity, userAgent).Mfa);
        Assert.Equal(MfaStatus.NotUsed, AttributeWithAgent(ConsoleUserIdentity, userAgent).Mfa);
    }

    private static Actor AttributeWithAgent(string identity, string userAgent, string extra = "") =>
        new ActorAttributor().Attribute(Json.Valid(Json.ApiCall("CreateUser", "iam.amazonaws.com", identity, extra)
            .Replace("aws-cli/2.15.0", userAgent, StringComparison.Ordinal)));

    [Fact]
    public void Attribute_WhenAssumedRoleWithoutIssuer_ShouldDeriveRoleFromSessionArn()
    {
        var actor = Attribute("CreateUser", """{"type":"AssumedRole","arn":"arn:aws-us-gov:sts::111122223333:assumed-role/Ops/jo"}""");

        Assert.Equal("arn:aws-us-gov:iam::111122223333:role/Ops", actor.PrincipalArn);
    }

    [Theory]
    [InlineData("IAMUser", "No", null, MfaStatus.NotUsed)]
    [InlineData("IAMUser", "Yes", null, MfaStatus.Used)]
    [InlineData("IAMUser", "YES", null, MfaStatus.Used)]
    [InlineData("AssumedRole", "No", "arn:aws:iam::111122223333:saml-provider/okta", MfaStatus.IdentityProvider)]
    public void Attribute_WhenConsoleLogin_ShouldReadMfa(string type, string mfaUsed, string? samlProvider, MfaStatus expected)
    {
        var saml = samlProvider is null ? "" : $",\"SamlProviderArn\":\"{samlProvider}\"";
        var identity = type == "IAMUser" ? Json.IamUser : Json.AssumedRole("Admin", "jo");
        var extra = $$""","additionalEventData":{"MFAUsed":"{{mfaUsed}}"{{saml}}},"responseElements":{"ConsoleLogin":"Success"}""";

        var actor = Attribute("ConsoleLogin", identity, extra, "signin.amazonaws.com");

        Assert.Equal(expected, actor.Mfa);
        Assert.Equal(ClientKind.Console, actor.Client);
    }

    [Fact]
    public void Attribute_WhenIdentityCenterSession_ShouldCreditIdentityProviderMfa()
    {
        var actor = Attribute("ConsoleLogin", Json.AssumedRole("AWSReservedSSO_Admin_0123456789abcdef", "jo@example.com", IdentityCenterPath),
            ""","additionalEventData":{"MFAUsed":"No"}""", "signin.amazonaws.com");

        Assert.Equal(MfaStatus.IdentityProvider, actor.Mfa);
    }

    private const string IdentityCenterPath = "/aws-reserved/sso.amazonaws.com/eu-west-1/";

    [Theory]
    [InlineData("/")]
    [InlineData("/team/aws-reserved/sso.amazonaws.com/")]
    public void Attribute_WhenRoleOnlyNamedLikeIdentityCenter_ShouldSayWithoutMfa(string path)
    {
        // Anyone allowed iam:CreateRole can name a role AWSReservedSSO_...; only IAM Identity Center creates roles
        // under the reserved path. A console session of such a role without MFA must not read "MFA at the identity provider".
        var signIn = Attribute("ConsoleLogin", Json.AssumedRole("AWSReservedSSO_Admin_0123456789abcdef", "jo@example.com", path),
            ""","additionalEventData":{"MFAUsed":"No"}""", "signin.amazonaws.com");
        var call = Attribute("CreateUser", Json.AssumedRole("AWSReservedSSO_Admin_0123456789abcdef", "jo@example.com", path), ConsoleSession);

        Assert.Equal(MfaStatus.NotUsed, signIn.Mfa);
        Assert.Equal(MfaStatus.NotUsed, call.Mfa);
    }

    [Theory]
    [InlineData("aws-cli/2.15.0 Python/3.11", ClientKind.Cli)]
    [InlineData("Boto3/1.34.0 md/Botocore#1.34.0", ClientKind.Sdk)]
    [InlineData("APN/1.0 HashiCorp/1.0 Terraform/1.7.0 (+https://www.terraform.io)", ClientKind.Terraform)]
    [InlineData("console.amazonaws.com", ClientKind.Console)]
    [InlineData("Mozilla/5.0 (Windows NT 10.0)", ClientKind.Console)]
    [InlineData("cloudformation.amazonaws.com", ClientKind.CloudFormation)]
    [InlineData("AWS Internal", ClientKind.AwsService)]
    [InlineData("curl/8.0", ClientKind.Other)]
    [InlineData("", ClientKind.Unknown)]
    public void Classify_WhenUserAgent_ShouldName(string userAgent, ClientKind expected) =>
        Assert.Equal(expected, UserAgentClassifier.Classify(userAgent));

    [Fact]
    public void Attribute_WhenGuardDutyAccessKeyFinding_ShouldNamePrincipalAndRemoteIp()
    {
        var resource = """{"resourceType":"AccessKey","accessKeyDetails":{"accessKeyId":"ASIAEXAMPLE","principalId":"AROAEXAMPLE:StaxHelper","userName":"Deployer","userType":"AssumedRole"}}""";
        var extra = ""","action":{"actionType":"AWS_API_CALL","awsApiCallAction":{"api":"ListBuckets","remoteIpDetails":{"ipAddressV4":"203.0.113.9","country":{"countryName":"Nowhere"}}}}""";

        var actor = new ActorAttributor().Attribute(Json.Valid(Json.Finding("UnauthorizedAccess:IAMUser/MaliciousIPCaller", 5, resource, extra)));

        Assert.Equal("arn:aws:iam::111122223333:role/Deployer", actor.PrincipalArn);
        Assert.Equal("StaxHelper", actor.SessionName);
        Assert.Equal("203.0.113.9", actor.SourceIp);
        Assert.Null(actor.Label);
    }
}
