using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Tests.Support;

/// <summary>Builds events for tests from JSON text.</summary>
internal static class Json
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static ParsedEvent Event(string json) => EventParser.Parse(Parse(json));

    public static SecurityEvent Valid(string json) =>
        Event(json).Event ?? throw new InvalidOperationException("not a valid event: " + Event(json).Rejection);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A CloudTrail API call in an EventBridge envelope; <paramref name="detailExtra"/> is spliced into detail.</summary>
    public static string ApiCall(string eventName, string eventSource, string userIdentity, string detailExtra = "", string time = "2026-10-01T10:00:00Z", string id = "env-1") =>
        "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.x\",\"account\":\"111122223333\","
        + "\"time\":\"" + time + "\",\"region\":\"us-east-1\",\"resources\":[],"
        + "\"detail\":{\"eventVersion\":\"1.08\",\"userIdentity\":" + userIdentity + ",\"eventTime\":\"" + time + "\",\"eventSource\":\"" + eventSource + "\","
        + "\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.15.0\","
        + "\"eventID\":\"ev-" + id + "\",\"recipientAccountId\":\"111122223333\"" + detailExtra + "}}";

    public const string IamUser = """{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"}""";

    public static string AssumedRole(string role, string session, string rolePath = "/") =>
        "{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:" + session + "\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/" + role + "/" + session
        + "\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:role" + rolePath + role
        + "\",\"accountId\":\"111122223333\",\"userName\":\"" + role + "\"},\"attributes\":{\"mfaAuthenticated\":\"false\",\"creationDate\":\"2026-10-01T09:00:00Z\"}}}";

    public static string Finding(string type, double severity, string resource = """{"resourceType":"Instance","instanceDetails":{"instanceId":"i-0abc","instanceType":"t3.micro"}}""", string extra = "", string id = "f-1") =>
        "{\"version\":\"0\",\"id\":\"env-" + id + "\",\"detail-type\":\"GuardDuty Finding\",\"source\":\"aws.guardduty\",\"account\":\"111122223333\","
        + "\"time\":\"2026-10-01T10:00:00Z\",\"region\":\"us-east-1\",\"resources\":[],"
        + "\"detail\":{\"schemaVersion\":\"2.0\",\"accountId\":\"111122223333\",\"region\":\"us-east-1\",\"partition\":\"aws\",\"id\":\"" + id + "\","
        + "\"arn\":\"arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/" + id + "\",\"type\":\"" + type + "\",\"resource\":" + resource + ","
        + "\"service\":{\"serviceName\":\"guardduty\",\"count\":1,\"archived\":false,\"additionalInfo\":{}" + extra + "},\"severity\":" + severity.ToString(System.Globalization.CultureInfo.InvariantCulture) + ","
        + "\"createdAt\":\"2026-10-01T09:59:00.000Z\",\"updatedAt\":\"2026-10-01T10:00:00.000Z\",\"title\":\"t\",\"description\":\"d\"}}";
}
