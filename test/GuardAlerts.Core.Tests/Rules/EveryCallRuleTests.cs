using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>
/// A rule with userIdentityTypes and no eventNames covers every call of those identities: it rates calls no other
/// rule matches, and is the floor under the rule that does.
/// </summary>
public class EveryCallRuleTests
{
    private static readonly RiskTable Table = RiskTableLoader.Load(Json.Utf8("""
        {"rules":[
          {"id":"policy-attached","kind":"cloudtrail","eventSource":"iam.amazonaws.com","eventNames":["AttachUserPolicy"],"severity":"Medium","title":"Policy attached","why":"w","next":"n"},
          {"id":"detector-deleted","kind":"cloudtrail","eventSource":"guardduty.amazonaws.com","eventNames":["DeleteDetector"],"severity":"Critical","title":"Detector deleted","why":"w","next":"n"},
          {"id":"root-call","kind":"cloudtrail","userIdentityTypes":["Root"],"when":{"not":{"path":"readOnly","equals":true}},"severity":"High",
           "raise":[{"when":{"path":"userIdentity.accessKeyId","glob":"AKIA*"},"because":"root access key"}],"title":"Root call","why":"w","next":"n"}
        ]}
        """), "t.json");

    private const string RootConsole = """{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":"ASIAROOTCONSOLE"}""";
    private const string RootKey = """{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333","accessKeyId":"AKIAROOTKEY"}""";

    [Theory]
    [InlineData("CreateBucket", "s3.amazonaws.com", RootConsole, "", "root-call", Severity.High)]
    [InlineData("CreateBucket", "s3.amazonaws.com", RootKey, "", "root-call", Severity.Critical)]
    // The call's own rule names it; the root rule is its floor.
    [InlineData("AttachUserPolicy", "iam.amazonaws.com", RootConsole, "", "policy-attached", Severity.High)]
    [InlineData("DeleteDetector", "guardduty.amazonaws.com", RootConsole, "", "detector-deleted", Severity.Critical)]
    [InlineData("AttachUserPolicy", "iam.amazonaws.com", Json.IamUser, "", "policy-attached", Severity.Medium)]
    // A failed call is lowered after the floor: an attempt.
    [InlineData("CreateBucket", "s3.amazonaws.com", RootConsole, ""","errorCode":"AccessDenied" """, "root-call", Severity.Medium)]
    public void Match_WhenTheRootUserCalls_ShouldRateAtLeastAsTheRootRule(string name, string source, string identity, string extra, string rule, Severity severity)
    {
        var match = Table.Match(Json.Valid(Json.ApiCall(name, source, identity, extra)));

        Assert.NotNull(match);
        Assert.Equal(rule, match.Rule.Id);
        Assert.Equal(severity, match.Severity);
    }

    [Fact]
    public void Match_WhenTheFloorRaisesTheCallsRule_ShouldSayWhy()
    {
        var match = Table.Match(Json.Valid(Json.ApiCall("AttachUserPolicy", "iam.amazonaws.com", RootKey)))!;

        Assert.Equal(Severity.Critical, match.Severity);
        Assert.Contains(match.Notes, n => n.Contains("root-call", StringComparison.Ordinal) && n.Contains("root access key", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ListBuckets", RootConsole, ""","readOnly":true""")]
    [InlineData("CreateBucket", Json.IamUser, "")]
    public void Match_WhenNotAWriteCallOfTheRootUser_ShouldMatchNothing(string name, string identity, string extra) =>
        Assert.Null(Table.Match(Json.Valid(Json.ApiCall(name, "s3.amazonaws.com", identity, extra))));

    [Fact]
    public void CoversIdentityType_ShouldNameEveryCallIdentitiesOnly()
    {
        Assert.True(Table.CoversIdentityType("Root"));
        Assert.False(Table.CoversIdentityType("IAMUser"));
        Assert.Equal(["Root"], Table.EveryCallIdentityTypes);
        Assert.False(Table.CoversEventName("CreateBucket"));
    }

    [Theory]
    [InlineData("""{"id":"x","kind":"cloudtrail","userIdentityTypes":["Root"],"eventSource":"s3.amazonaws.com","severity":"High","title":"t","why":"w","next":"n"}""", "eventSource", "remove eventSource")]
    [InlineData("""{"id":"x","kind":"cloudtrail","userIdentityTypes":["root"],"severity":"High","title":"t","why":"w","next":"n"}""", "userIdentityTypes", "'root' is not a CloudTrail userIdentity type")]
    [InlineData("""{"id":"x","kind":"cloudtrail","eventSource":"s3.amazonaws.com","severity":"High","title":"t","why":"w","next":"n"}""", "eventNames", "userIdentityTypes alone")]
    [InlineData("""{"id":"x","kind":"guardduty","findingTypes":["*"],"userIdentityTypes":["Root"],"severity":"fromFinding","title":"t","why":"w","next":"n"}""", "userIdentityTypes", "cloudtrail entries only")]
    public void Load_WhenAnEveryCallRuleIsWrong_ShouldNameTheField(string rule, string field, string message)
    {
        var (table, errors) = RiskTableLoader.TryLoad(Json.Utf8("{\"rules\":[" + rule + "]}"), "t.json");

        Assert.Null(table);
        Assert.Contains(errors, e => e.EntryId == "x" && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
