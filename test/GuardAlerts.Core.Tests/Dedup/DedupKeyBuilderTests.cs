using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Dedup;

public class DedupKeyBuilderTests
{
    private static string Key(string json)
    {
        var e = Json.Valid(json);
        return DedupKeyBuilder.Build(e, TestPolicy.Table().Match(e)!, new ActorAttributor().Attribute(e)).Value;
    }

    private static string AccessKey(string time, string user = "bob", string id = "1") => Json.ApiCall("CreateAccessKey", "iam.amazonaws.com", Json.IamUser,
        $$""","requestParameters":{"userName":"{{user}}"}""", time, id);

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
        Assert.Equal("ct#111122223333#us-east-1#burst#arn:aws:iam::111122223333:user/alice#bob#1790848800", Key(AccessKey("2026-10-01T10:05:00Z")));

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
        Assert.Equal("gd#111122223333#f-1#High", high);
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
}
