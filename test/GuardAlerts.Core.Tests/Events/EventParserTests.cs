using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Kinds.GuardDuty;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Events;

public class EventParserTests
{
    [Fact]
    public void Parse_WhenEventBridgeApiCall_ShouldUseEnvelopeIdAndDetailFields()
    {
        var parsed = Json.Event(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, id: "abc"));

        var e = Assert.IsType<CloudTrailEvent>(parsed.Event);
        Assert.Equal("abc", e.Id);
        Assert.Equal("ev-abc", e.Record.EventId);
        Assert.Equal("StopLogging", e.Name);
        Assert.Equal("111122223333", e.Account);
        Assert.Equal("us-east-1", e.Region);
        Assert.Equal("alice", e.Record.UserIdentity?.UserName);
    }

    [Fact]
    public void Parse_WhenBareCloudTrailRecord_ShouldUseEventIdAsId()
    {
        var parsed = Json.Event("""{"eventID":"e-1","eventName":"DeleteTrail","eventSource":"cloudtrail.amazonaws.com","eventTime":"2026-10-01T10:00:00Z","recipientAccountId":"111122223333","awsRegion":"eu-west-1"}""");

        Assert.Equal("e-1", parsed.Event?.Id);
        Assert.Equal(EventKind.CloudTrail, parsed.Kind);
        Assert.Equal("eu-west-1", parsed.Region);
    }

    [Fact]
    public void Parse_WhenBareFindingPascalCase_ShouldReadFinding()
    {
        var parsed = Json.Event("""{"SchemaVersion":"2.0","Id":"f-9","Type":"Recon:EC2/Portscan","Severity":"5.0","AccountId":"111122223333","Region":"us-east-1","Resource":{"ResourceType":"Instance"}}""");

        var e = Assert.IsType<GuardDutyEvent>(parsed.Event);
        Assert.Equal(5.0, e.Finding.Severity);
        Assert.Equal("Instance", e.Finding.ResourceType);
    }

    [Fact]
    public void Parse_WhenFindingIsSample_ShouldFlagIt()
    {
        var e = Assert.IsType<GuardDutyEvent>(Json.Valid(Json.Finding("Recon:EC2/Portscan", 5, extra: ""","additionalInfo2":{}""").Replace("\"additionalInfo\":{}", "\"additionalInfo\":{\"sample\":true}", StringComparison.Ordinal)));

        Assert.True(e.Finding.IsSample);
    }

    [Theory]
    [InlineData("""{"detail-type":"Something Else","source":"aws.x","detail":{}}""", "unknown detail-type 'Something Else'")]
    [InlineData("""{"detail-type":"GuardDuty Finding","source":"aws.guardduty"}""", "detail is missing")]
    [InlineData("""{"detail-type":"AWS API Call via CloudTrail","source":"aws.x","id":"1","detail":{"eventSource":"x","eventTime":"2026-10-01T10:00:00Z"}}""", "eventName is missing")]
    [InlineData("""{"detail-type":"AWS API Call via CloudTrail","source":"aws.x","id":"1","detail":{"eventName":42,"eventTime":"2026-10-01T10:00:00Z"}}""", "eventName must be a non-empty string, got a number")]
    [InlineData("""{"detail-type":"AWS API Call via CloudTrail","source":"aws.x","id":"1","detail":{"eventName":"X"}}""", "eventTime is missing")]
    [InlineData("""{"detail-type":"GuardDuty Finding","source":"aws.guardduty","id":"1","detail":{"id":"f","type":"T","severity":11}}""", "outside GuardDuty's 0-10 range")]
    [InlineData("""{"detail-type":"GuardDuty Finding","source":"aws.guardduty","id":"1","detail":{"id":"f","type":"T","severity":"high"}}""", "severity is missing or not a number")]
    [InlineData("""{"detail-type":"GuardDuty Finding","source":"aws.guardduty","id":"1","detail":{"id":"f","type":["T"],"severity":5}}""", "finding type must be a non-empty string, got an array")]
    [InlineData("""{"hello":"world"}""", "not an EventBridge event")]
    [InlineData("""[1,2]""", "expected a JSON object, got an array")]
    public void Parse_WhenEventIsUnusable_ShouldRejectNamingTheProblem(string json, string expected)
    {
        var parsed = Json.Event(json);

        Assert.Null(parsed.Event);
        Assert.Contains(expected, parsed.Rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenOptionalFieldsHaveOddTypes_ShouldStillParse()
    {
        var json = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com",
            """{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/R/s","sessionContext":{"attributes":{"mfaAuthenticated":"true"},"sessionIssuer":{}}}""",
            ""","readOnly":"false","requestParameters":"not-an-object","responseElements":null,"userAgent":12""");

        var e = Assert.IsType<CloudTrailEvent>(Json.Valid(json));

        Assert.Equal(false, e.Record.ReadOnly);
        Assert.Null(e.Record.RequestParameters);
        Assert.Equal("12", e.Record.UserAgent);
        Assert.True(e.Record.UserIdentity?.MfaAuthenticated);
    }

    [Fact]
    public void Parse_WhenNamesAreEscapedOrRepeated_ShouldReadThemAsTryGetPropertyDoes()
    {
        // The record's fields are read in one pass; escaped names still match, and a repeated name gives its last value.
        var json = ("{'eventVersion':'1.08','userIdentity':{'type':'IAMUser','user\\u004eame':'alice','userName':'bob'},"
            + "'eventTime':'2026-10-01T10:00:00Z','event\\u0053ource':'iam.amazonaws.com','eventName':'GetUser','eventName':'CreateUser',"
            + "'awsRegion':null,'awsRegion':'eu-west-1','errorCode':'AccessDenied','errorCode':null,'eventID':'e-1'}").Replace('\'', '"');

        var e = Assert.IsType<CloudTrailEvent>(Json.Valid(json));

        Assert.Equal("CreateUser", e.Name);
        Assert.Equal("iam.amazonaws.com", e.Record.EventSource);
        Assert.Equal("bob", e.Record.UserIdentity!.UserName);
        Assert.Equal("eu-west-1", e.Region);
        Assert.Null(e.Record.ErrorCode);
    }
}
