using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Dedup;

public class DedupKeyBuilderTests
{
    private static string Key(string json, Severity? severity = null)
    {
        var e = Json.Valid(json);
        return DedupKeyBuilder.Build(e, TestPolicy.Table().Match(e)!, new ActorAttributor().Attribute(e), severity).Value;
    }

    private static string StopLogging(string identity, string time = "2026-10-01T10:05:00Z", string id = "1", string extra = "", string ip = "198.51.100.7") =>
        Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", identity, ""","requestParameters":{"name":"main"}""" + extra, time, id)
            .Replace("198.51.100.7", ip, StringComparison.Ordinal);

    private static string RoleSession(string session, string accessKey, string sourceIdentity = "") =>
        Json.AssumedRole("SharedAdmin", session).Replace("\"sessionContext\":{", "\"accessKeyId\":\"" + accessKey + "\",\"sessionContext\":{" + sourceIdentity, StringComparison.Ordinal);

    private static string AccessKey(string time, string user = "bob", string id = "1", string extra = "") => Json.ApiCall("CreateAccessKey", "iam.amazonaws.com", Json.IamUser,
        $$""","requestParameters":{"userName":"{{user}}"{{extra}}}""", time, id);

    private static string Digest(string requestParameters) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestParameters)))[..12];

    [Fact]
    public void Build_WhenSameRulePrincipalTargetInWindow_ShouldShareKey() =>
        Assert.Equal(Key(AccessKey("2026-10-01T10:05:00Z", id: "1")), Key(AccessKey("2026-10-01T10:55:00Z", id: "2")));

    [Fact]
    public void Build_WhenNextWindow_ShouldDiffer() =>
        Assert.NotEqual(Key(AccessKey("2026-10-01T10:05:00Z")), Key(AccessKey("2026-10-01T11:05:00Z")));

    [Fact]
    public void Build_WhenOtherTarget_ShouldDiffer() =>
        Assert.NotEqual(Key(AccessKey("2026-10-01T10:05:00Z", "bob")), Key(AccessKey("2026-10-01T10:05:00Z", "carol")));

    [Fact]
    public void Build_WhenKeyContainsTargetAndPrincipal_ShouldBeReadable() =>
        Assert.Equal("ct#111122223333#us-east-1#burst#CreateAccessKey#ok#arn:aws:iam::111122223333:user/alice#AKIAEXAMPLE|AIDAEXAMPLE|||#bob#rq:" + Digest("""{"userName":"bob"}""") + "#High#1790848800",
            Key(AccessKey("2026-10-01T10:05:00Z")));

    [Fact]
    public void Build_WhenRequestNamesAnotherResourceOutsideTheTarget_ShouldDiffer() =>
        Assert.NotEqual(Key(AccessKey("2026-10-01T10:05:00Z", extra: ",\"serialNumber\":\"a\"")),
            Key(AccessKey("2026-10-01T10:05:00Z", extra: ",\"serialNumber\":\"b\"")));

    [Fact]
    public void Build_WhenRequestOnlyReordersMembersOrChangesItsIdempotencyToken_ShouldShareKey() =>
        Assert.Equal(Key(AccessKey("2026-10-01T10:05:00Z", extra: ",\"clientToken\":\"t-1\",\"serialNumber\":\"a\"")),
            Key(Json.ApiCall("CreateAccessKey", "iam.amazonaws.com", Json.IamUser,
                ""","requestParameters":{"serialNumber":"a","ClientToken":"t-2","userName":"bob"}""", "2026-10-01T10:06:00Z", "2")));

    [Fact]
    public void Build_WhenZeroWindow_ShouldUseEventId()
    {
        var a = Key(Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.IamUser, id: "1"));
        var b = Key(Json.ApiCall("CreateUser", "iam.amazonaws.com", Json.IamUser, id: "2"));

        Assert.Equal("ct#111122223333#ev-1", a);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Build_WhenFindingBandRises_ShouldGiveNewKey()
    {
        var medium = Key(Json.Finding("Recon:EC2/Portscan", 5));
        var mediumAgain = Key(Json.Finding("Recon:EC2/Portscan", 6.5));
        var high = Key(Json.Finding("Recon:EC2/Portscan", 7.5));

        Assert.Equal(medium, mediumAgain);
        Assert.NotEqual(medium, high);
        Assert.Equal("gd#111122223333#us-east-1#f-1#High", high);
    }

    [Fact]
    public void Build_WhenPrincipalIsHuge_ShouldBoundKeyLength()
    {
        var huge = new string('a', 5000);
        var key = Key(Json.ApiCall("CreateAccessKey", "iam.amazonaws.com", $$"""{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/{{huge}}"}"""));

        Assert.True(key.Length <= 512);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Build_WhenLongKeyIsCutInsideAnEmoji_ShouldStayWellFormedText(int padding)
    {
        // The cut falls on one half of a surrogate pair for one of the two paddings; a lone surrogate cannot be
        // encoded as UTF-8 (DynamoDB's JSON, the replay's JSON Lines), so the event could never be claimed.
        var target = new string('x', padding) + string.Concat(Enumerable.Repeat("🔥", 400));

        var key = Key(AccessKey("2026-10-01T10:05:00Z", target));

        Assert.True(key.Length <= 512);
        _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(key);
    }

    [Fact]
    public void Build_WhenSameCallFailedThenSucceeded_ShouldDiffer()
    {
        // The same severity for all three: the outcome alone must tell them apart.
        var failed = Key(StopLogging(Json.IamUser, id: "1", extra: ",\"errorCode\":\"AccessDenied\""), Severity.High);
        var succeeded = Key(StopLogging(Json.IamUser, id: "2"), Severity.High);
        var failedOtherwise = Key(StopLogging(Json.IamUser, id: "3", extra: ",\"errorCode\":\"ThrottlingException\""), Severity.High);

        Assert.NotEqual(failed, succeeded);
        Assert.NotEqual(failed, failedOtherwise);
        Assert.Contains("#failed:AccessDenied#", failed, StringComparison.Ordinal);
        Assert.Contains("#StopLogging#ok#", succeeded, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenOtherEventNameOfTheSameRule_ShouldDiffer()
    {
        var identity = Json.IamUser;
        var a = Key(Json.ApiCall("CreateAccessKey", "iam.amazonaws.com", identity, ""","requestParameters":{"userName":"bob"}"""));
        var rule = TestPolicy.Table().Rules.First(r => r.Id == "burst") with { EventNames = ["CreateAccessKey", "UpdateAccessKey"] };
        var e = Json.Valid(Json.ApiCall("UpdateAccessKey", "iam.amazonaws.com", identity, ""","requestParameters":{"userName":"bob"}"""));
        var b = DedupKeyBuilder.Build(e, new Core.Rules.RuleMatch(rule, Severity.High, []), new ActorAttributor().Attribute(e)).Value;

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Build_WhenSeverityIsHigherThanBefore_ShouldDiffer()
    {
        var json = StopLogging(Json.IamUser);

        Assert.NotEqual(Key(json, Severity.Medium), Key(json, Severity.High));
        Assert.NotEqual(Key(Json.Finding("Recon:EC2/Portscan", 5), Severity.Low), Key(Json.Finding("Recon:EC2/Portscan", 5), Severity.Medium));
        Assert.Equal(Key(json, Severity.High), Key(json));
    }

    [Theory]
    [InlineData("alice", "ASIAAAAAAAAAAAAAAAA1", "bob", "ASIAAAAAAAAAAAAAAAA2")]
    [InlineData("admin", "ASIAAAAAAAAAAAAAAAA1", "admin", "ASIAAAAAAAAAAAAAAAA2")]
    [InlineData("alice", "ASIAAAAAAAAAAAAAAAA1", "bob", "ASIAAAAAAAAAAAAAAAA1")]
    public void Build_WhenTwoPeopleShareARole_ShouldDiffer(string session1, string key1, string session2, string key2) =>
        Assert.NotEqual(Key(StopLogging(RoleSession(session1, key1), id: "1")), Key(StopLogging(RoleSession(session2, key2), id: "2")));

    [Fact]
    public void Build_WhenSourceIdentityDiffers_ShouldDiffer() =>
        Assert.NotEqual(
            Key(StopLogging(RoleSession("ci", "ASIAAAAAAAAAAAAAAAA1", "\"sourceIdentity\":\"alice\","), id: "1")),
            Key(StopLogging(RoleSession("ci", "ASIAAAAAAAAAAAAAAAA1", "\"sourceIdentity\":\"bob\","), id: "2")));

    [Fact]
    public void Build_WhenSameSessionRepeatsTheSameCall_ShouldShareKey() =>
        Assert.Equal(
            Key(StopLogging(RoleSession("alice", "ASIAAAAAAAAAAAAAAAA1"), "2026-10-01T10:05:00Z", "1", ip: "192.0.2.1")),
            Key(StopLogging(RoleSession("alice", "ASIAAAAAAAAAAAAAAAA1"), "2026-10-01T10:45:00Z", "2", ip: "192.0.2.9")));

    [Fact]
    public void Build_WhenRootActsFromAnotherAddress_ShouldDiffer()
    {
        const string root = """{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"}""";

        Assert.NotEqual(Key(StopLogging(root, id: "1", ip: "192.0.2.1")), Key(StopLogging(root, id: "2", ip: "203.0.113.5")));
        Assert.Equal(Key(StopLogging(root, id: "1", ip: "192.0.2.1")), Key(StopLogging(root, id: "2", ip: "192.0.2.1")));
    }

    [Fact]
    public void Build_WhenNoAccessKeyAndAnotherAddress_ShouldDiffer()
    {
        // A console sign-in carries no access key id: the source IP is what tells two sessions of one user apart.
        const string user = """{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}""";

        Assert.NotEqual(Key(StopLogging(user, id: "1", ip: "192.0.2.1")), Key(StopLogging(user, id: "2", ip: "203.0.113.5")));
        Assert.Equal(Key(StopLogging(Json.IamUser, id: "1", ip: "192.0.2.1")), Key(StopLogging(Json.IamUser, id: "2", ip: "203.0.113.5")));
    }

    [Fact]
    public void Build_WhenIdentityCenterUserDiffers_ShouldDiffer()
    {
        static string User(string id) => $$"""{"type":"IdentityCenterUser","accountId":"111122223333","onBehalfOf":{"userId":"{{id}}","identityStoreArn":"arn:aws:identitystore::111122223333:identitystore/d-1"},"credentialId":"c"}""";

        Assert.NotEqual(Key(StopLogging(User("u-1"), id: "1")), Key(StopLogging(User("u-2"), id: "2")));
    }

    [Fact]
    public void Build_WhenAValueHoldsTheSeparators_ShouldNotPoseAsAnotherField()
    {
        // A session name cannot hold '#' or '|', but a target (request text) can: "x|y" in one field must never read
        // like "x" and "y" in two.
        var plain = Key(AccessKey("2026-10-01T10:05:00Z", "a#b"));
        var other = Key(AccessKey("2026-10-01T10:05:00Z", "a%23b"));

        Assert.NotEqual(plain, other);
        Assert.Contains("#a%23b#", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenSameFindingInAnotherRegion_ShouldDiffer() =>
        Assert.NotEqual(Key(Json.Finding("Recon:EC2/Portscan", 5)), Key(Json.Finding("Recon:EC2/Portscan", 5).Replace("us-east-1", "eu-west-1", StringComparison.Ordinal)));
}
