using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Attribution;

/// <summary>
/// A finding about an API call made from another account (GuardDuty's
/// <c>service.action.awsApiCallAction.remoteAccountDetails</c>) names the caller's credentials in
/// <c>resource.accessKeyDetails</c> without an account: the role or user is the remote account's. Building its ARN in
/// the finding's account would name one of our own principals as the actor, let that principal's exemption silence
/// the finding, and give the provider's automation label to a same-named role someone else owns.
/// </summary>
public class GuardDutyRemoteCallerTests
{
    private const string Remote = "444455556666";

    private const string ProvidersJson = """
        {"providers":[{"id":"stax","name":"Stax","accounts":["111122223333"],"automationRoles":["arn:aws:iam::111122223333:role/StaxAccountAssurance"],"automationSessionName":"StaxHelper"}]}
        """;

    private static string RemoteCall(string role, string remoteAccount = Remote) => Json.Finding("Discovery:IAMUser/AnomalousBehavior", 5,
        $$$"""{"resourceType":"AccessKey","accessKeyDetails":{"accessKeyId":"ASIAEXAMPLE","principalId":"AROAEXAMPLE:StaxHelper","userName":"{{{role}}}","userType":"AssumedRole"}}""",
        $$$$""","action":{"actionType":"AWS_API_CALL","awsApiCallAction":{"api":"ListBuckets","remoteAccountDetails":{"accountId":"{{{{remoteAccount}}}}","affiliated":false},"remoteIpDetails":{"ipAddressV4":"203.0.113.9"}}}""");

    [Fact]
    public void Attribute_WhenTheCallCameFromAnotherAccount_ShouldPlaceThePrincipalThereAndShowTheAccount()
    {
        var e = Json.Valid(RemoteCall("Deployer"));

        var actor = new ActorAttributor().Attribute(e);

        Assert.Equal($"arn:aws:iam::{Remote}:role/Deployer", actor.PrincipalArn);
        Assert.Equal(Remote, actor.AccountId);
        Assert.Equal(Remote, actor.OtherAccount(e.Account));
    }

    [Fact]
    public void Attribute_WhenTheRemoteAccountIsTheFindingsOwn_ShouldStayInTheFindingsAccount()
    {
        var actor = new ActorAttributor().Attribute(Json.Valid(RemoteCall("Deployer", "111122223333")));

        Assert.Equal("arn:aws:iam::111122223333:role/Deployer", actor.PrincipalArn);
        Assert.Null(actor.OtherAccount("111122223333"));
    }

    [Fact]
    public void Matches_WhenOurRoleIsExemptedAndASameNamedRoleOfAnotherAccountCalls_ShouldNotExempt()
    {
        var e = Json.Valid(RemoteCall("Deployer"));
        var actor = new ActorAttributor().Attribute(e);
        var match = new ExemptionMatch
        {
            FindingTypes = ["Discovery:IAMUser/AnomalousBehavior"],
            PrincipalArns = ["arn:aws:iam::111122223333:role/Deployer"],
        };

        Assert.False(ExemptionList.Matches(match, e, actor));
    }

    [Fact]
    public void Label_WhenASameNamedRoleOfAnotherAccountCalls_ShouldNotBeVerifiedAutomation()
    {
        var attributor = new ActorAttributor(ManagedProviderLoader.Load(Json.Utf8(ProvidersJson), "providers.json"));

        var label = attributor.Attribute(Json.Valid(RemoteCall("StaxAccountAssurance"))).Label;

        Assert.NotNull(label);
        Assert.StartsWith("claims to be", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Snippet_WhenTheCallCameFromAnotherAccount_ShouldNotExemptOurSameNamedRole()
    {
        var e = Json.Valid(RemoteCall("Deployer"));
        var actor = new ActorAttributor().Attribute(e);

        Assert.DoesNotContain("arn:aws:iam::111122223333:role/Deployer", ExemptionSnippet.For(e, actor, new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)) ?? "", StringComparison.Ordinal);
    }
}
