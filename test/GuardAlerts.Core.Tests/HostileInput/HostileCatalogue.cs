using static GuardAlerts.Core.Tests.HostileInput.HostileEvents;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// The catalogue of hostile and broken inputs, each with its expected outcome. Every input is one value; the tests
/// put a valid event after it (JSON Lines and, where the value is well-formed JSON, an array) and check that it is
/// still decided.
/// </summary>
internal static class HostileCatalogue
{
    private const string StopLoggingRule = "cloudtrail-logging-stopped";
    private const string ReconRule = "guardduty-recon";

    public static IReadOnlyList<HostileCase> All { get; } =
    [
        // Broken bytes and broken JSON.
        HostileCase.Rejected("truncated-json", () => Utf8(StopLogging()[..300]), "truncated JSON", inArray: false),
        HostileCase.Rejected("truncated-inside-string", () => Utf8(StopLogging()[..(StopLogging().IndexOf("alice", StringComparison.Ordinal) + 2)]), "truncated JSON", inArray: false),
        HostileCase.Rejected("truncated-after-key", () => Utf8("{\"detail-type\":"), "truncated JSON", inArray: false),
        HostileCase.Rejected("unbalanced-close", () => Utf8("{\"a\":1}}"), "unexpected '}'", inArray: false),
        HostileCase.Rejected("invalid-utf8", () => [.. Utf8(StopLogging()[..200]), 0xC3, 0x28, .. Utf8(StopLogging()[200..])], "invalid UTF-8"),
        HostileCase.Rejected("utf8-encoded-surrogate", () => [.. Utf8(StopLogging()[..200]), 0xED, 0xA0, 0x80, .. Utf8(StopLogging()[200..])], "invalid UTF-8"),
        HostileCase.Decided("lone-surrogate-escape", () => Utf8(StopLogging(userIdentity: IamUser("alice").Replace("\"userName\":\"alice\"", "\"userName\":\"al\\uD800ice\"", StringComparison.Ordinal))), "alert", StopLoggingRule),
        HostileCase.Decided("lone-surrogate-escape-in-property-name", () => Utf8(ReplaceOnce(StopLogging(), "\"eventVersion\"", "\"x\\uD800\":1,\"eventVersion\"")), "alert", StopLoggingRule),
        HostileCase.Rejected("lone-surrogate-escape-in-event-name", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\"", "\"eventName\":\"Stop\\uD800Logging\"")), "eventName holds invalid text"),
        HostileCase.Decided("utf8-bom-before-first-value", () => [0xEF, 0xBB, 0xBF, .. Utf8(StopLogging())], "alert", StopLoggingRule, inArray: false),
        HostileCase.Rejected("utf8-bom-before-a-later-value", () => [.. Utf8(PortProbe("f-first") + "\n"), 0xEF, 0xBB, 0xBF, .. Utf8(StopLogging())], "unexpected byte 0xEF", inArray: false),
        HostileCase.Rejected("nested-10000-deep", () => Utf8("{\"detail-type\":\"GuardDuty Finding\",\"detail\":" + new string('[', 10_000) + new string(']', 10_000) + "}"), "maximum configured depth of 64"),
        HostileCase.Rejected("nested-10000-deep-inside-finding", () => Utf8(PortProbe(extra: ",\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000))), "maximum configured depth of 64"),
        HostileCase.Rejected("duplicate-keys", () => Utf8("""{"eventName":"StopLogging","eventSource":"cloudtrail.amazonaws.com","eventName":"DescribeTrails","eventTime":"2026-10-01T10:00:00Z"}"""), "Duplicate property 'eventName'"),
        HostileCase.Rejected("duplicate-keys-in-detail", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\"", "\"eventName\":\"StopLogging\",\"eventName\":\"ListTrails\"")), "Duplicate property 'eventName'"),
        HostileCase.Rejected("raw-control-character-in-string", () => Utf8(ReplaceOnce(StopLogging(), "\"alice\"", "\"al\u0001ice\"")), "invalid JSON"),
        HostileCase.Rejected("raw-line-break-inside-literal", () => Utf8(ReplaceOnce(StopLogging(), "\"eventVersion\":\"1.08\"", "\"readOnly\":fal\nse,\"eventVersion\":\"1.08\"")), "invalid JSON"),
        HostileCase.Rejected("raw-nul-between-values", () => Utf8("\0"), "byte 0x00", inArray: false),
        HostileCase.Rejected("scalar-instead-of-event", () => Utf8("42"), "object"),
        HostileCase.Rejected("empty-object", () => Utf8("{}"), "not an EventBridge event"),

        // User-written text: line breaks, controls, bidi marks, emoji, sheer length.
        HostileCase.Decided("crlf-in-user-name", () => Utf8(StopLogging(userIdentity: IamUser("alice\r\n" + Marker + ": forged\r\n"))), "alert", StopLoggingRule),
        HostileCase.Decided("nul-and-controls-in-user-name", () => Utf8(StopLogging(userIdentity: IamUser("al\0ice\u0007\u001b[31m\u0085\u2028" + Marker))), "alert", StopLoggingRule),
        HostileCase.Decided("controls-in-user-agent-and-target", () => Utf8(StopLogging(requestParameters: "{\"name\":" + Str("main\r\n" + Marker + "\0") + "}").Replace("aws-cli/2.15.0", "aws-cli\\r\\n" + Marker + "\\u0000", StringComparison.Ordinal)), "alert", StopLoggingRule),
        HostileCase.Decided("right-to-left-override-in-session", () => Utf8(StopLogging(userIdentity: Session("\u202Egpj.exe\u2066x\u2069\u200F\u061C"))), "alert", StopLoggingRule),
        HostileCase.Decided("emoji-in-user-name", () => Utf8(StopLogging(userIdentity: IamUser("👩‍💻alice🔥\uFE0F"))), "alert", StopLoggingRule),
        HostileCase.Decided("zero-width-and-bom-in-user-name", () => Utf8(StopLogging(userIdentity: IamUser("a\u200Bl\u200Di\uFEFFce"))), "alert", StopLoggingRule),
        HostileCase.Decided("10000-char-user-name", () => Utf8(StopLogging(userIdentity: IamUser(new string('a', 10_000)))), "alert", StopLoggingRule),
        HostileCase.Decided("1000-emoji-session-name", () => Utf8(StopLogging(userIdentity: Session(string.Concat(Enumerable.Repeat("🔥", 1_000))))), "alert", StopLoggingRule),
        HostileCase.Decided("emoji-target-longer-than-a-dedup-key", () => Utf8(StopLogging(requestParameters: "{\"name\":" + Str(string.Concat(Enumerable.Repeat("🔥", 400))) + "}")), "alert", StopLoggingRule),
        HostileCase.Decided("crlf-in-finding-type-and-title", () => Utf8(PortProbe().Replace("PortProbeUnprotectedPort", "Port\\r\\nProbe\\u0000", StringComparison.Ordinal).Replace("\"title\":\"t\"", "\"title\":\"t\\r\\nINJECTED\"", StringComparison.Ordinal)), "alert", ReconRule),
        HostileCase.Decided("crlf-and-emoji-in-account-and-region", () => Utf8(PortProbe().Replace("\"accountId\":\"111122223333\",\"region\":\"us-east-1\"", "\"accountId\":\"1111\\r\\nINJECTED🔥\",\"region\":\"us-east-1\\u202E\"", StringComparison.Ordinal)), "alert", ReconRule),

        // Wrong types.
        HostileCase.Rejected("number-for-event-name", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\"", "\"eventName\":42")), "eventName must be a non-empty string, got a number"),
        HostileCase.Rejected("object-for-event-source", () => Utf8(ReplaceOnce(StopLogging(), "\"eventSource\":\"cloudtrail.amazonaws.com\"", "\"eventSource\":{}")), "eventSource must be a string"),
        HostileCase.Rejected("number-for-detail-type", () => Utf8(ReplaceOnce(StopLogging(), "\"detail-type\":\"AWS API Call via CloudTrail\"", "\"detail-type\":7")), "detail-type must be a string"),
        HostileCase.Rejected("number-for-finding-type", () => Utf8(ReplaceOnce(PortProbe(), "\"type\":\"Recon:EC2/PortProbeUnprotectedPort\"", "\"type\":5")), "finding type must be a non-empty string, got a number"),
        HostileCase.Decided("number-for-user-name", () => Utf8(ReplaceOnce(StopLogging(), "\"userName\":\"alice\"", "\"userName\":42")), "alert", StopLoggingRule),
        HostileCase.Decided("string-for-userIdentity", () => Utf8(StopLogging(userIdentity: "\"alice\"")), "alert", StopLoggingRule),
        HostileCase.Decided("string-for-requestParameters", () => Utf8(StopLogging(requestParameters: "\"main\"")), "alert", StopLoggingRule),
        HostileCase.Decided("string-for-severity", () => Utf8(PortProbe(severity: "\"8.0\"")), "alert", ReconRule),
        HostileCase.Rejected("word-for-severity", () => Utf8(PortProbe(severity: "\"high\"")), "severity is missing or not a number"),
        HostileCase.Decided("epoch-number-for-event-time", () => Utf8(StopLogging().Replace("\"2026-10-01T10:00:00Z\"", "1790000000", StringComparison.Ordinal)), "alert", StopLoggingRule),
        HostileCase.Rejected("garbage-event-time", () => Utf8(StopLogging().Replace("\"2026-10-01T10:00:00Z\"", "\"yesterday\"", StringComparison.Ordinal)), "eventTime is missing or not a timestamp"),

        // Missing or null parts.
        HostileCase.Rejected("null-detail", () => Utf8(Envelope("\"detail\":null")), "detail is missing or not an object"),
        HostileCase.Rejected("missing-detail", () => Utf8(Envelope("\"resources\":[]")), "detail is missing or not an object"),
        HostileCase.Rejected("array-for-detail", () => Utf8(Envelope("\"detail\":[]")), "detail is missing or not an object"),
        HostileCase.Decided("null-userIdentity", () => Utf8(StopLogging(userIdentity: "null")), "alert", StopLoggingRule),
        HostileCase.Decided("missing-userIdentity", () => Utf8(ReplaceOnce(StopLogging(), "\"userIdentity\":" + Support.Json.IamUser + ",", "")), "alert", StopLoggingRule),
        HostileCase.Decided("empty-userIdentity", () => Utf8(StopLogging(userIdentity: "{}")), "alert", StopLoggingRule),
        HostileCase.Rejected("null-eventName", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\"", "\"eventName\":null")), "eventName is missing"),
        HostileCase.Rejected("missing-eventName", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\",", "")), "eventName is missing"),
        HostileCase.Rejected("empty-eventName", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\"", "\"eventName\":\"  \"")), "eventName must be a non-empty string"),
        HostileCase.Rejected("missing-finding-id", () => Utf8(ReplaceOnce(PortProbe(), "\"id\":\"f-bad\",", "")), "finding id is missing"),
        HostileCase.Rejected("missing-severity", () => Utf8(ReplaceOnce(PortProbe(), "\"severity\":8.0,", "")), "severity is missing"),

        // Out of range and unknown.
        HostileCase.Rejected("severity-above-10", () => Utf8(PortProbe(severity: "11")), "outside GuardDuty's 0-10 range"),
        HostileCase.Rejected("severity-negative", () => Utf8(PortProbe(severity: "-0.5")), "outside GuardDuty's 0-10 range"),
        HostileCase.Rejected("severity-nan-string", () => Utf8(PortProbe(severity: "\"NaN\"")), "outside GuardDuty's 0-10 range"),
        HostileCase.Rejected("severity-infinity-string", () => Utf8(PortProbe(severity: "\"Infinity\"")), "outside GuardDuty's 0-10 range"),
        HostileCase.Rejected("severity-1e400", () => Utf8(PortProbe(severity: "1e400")), "finding severity Infinity is outside GuardDuty's 0-10 range"),
        HostileCase.Rejected("unknown-detail-type", () => Utf8(ReplaceOnce(StopLogging(), "AWS API Call via CloudTrail", "EC2 Instance State-change Notification")), "unknown detail-type"),
        HostileCase.Rejected("crlf-nul-in-unknown-detail-type", () => Utf8(ReplaceOnce(StopLogging(), "AWS API Call via CloudTrail", "AWS API Call via CloudTrail\\r\\nINJECTED\\u0000\\u202E")), "unknown detail-type"),
        HostileCase.Decided("crlf-in-event-name-no-rule", () => Utf8(ReplaceOnce(StopLogging(), "\"eventName\":\"StopLogging\"", "\"eventName\":\"Stop\\r\\nINJECTED\\u0000\"")), "ignored", ""),

        // Size.
        HostileCase.Decided("300kb-finding", () => Utf8(PortProbe(extra: ",\"evidence\":" + Str(new string('x', 300_000))).Replace("\"title\":\"t\"", "\"title\":" + Str(string.Concat(Enumerable.Repeat("é🔥\r\n", 30_000))), StringComparison.Ordinal)), "alert", ReconRule),
        HostileCase.Decided("300kb-cloudtrail-target", () => Utf8(StopLogging(requestParameters: "{\"name\":" + Str(string.Concat(Enumerable.Repeat("🔥trail\r\n", 30_000))) + "}")), "alert", StopLoggingRule),
        HostileCase.Decided("guardduty-finding-with-20000-element-array", () => Utf8(PortProbe(extra: ",\"action\":{\"actionType\":\"PORT_PROBE\",\"portProbeAction\":{\"blocked\":false,\"portProbeDetails\":["
            + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"{{\"localPortDetails\":{{\"port\":{i % 65536}}},\"remoteIpDetails\":{{\"ipAddressV4\":\"198.51.100.{i % 256}\"}}}}")) + "]}}")), "alert", ReconRule),
        HostileCase.Decided("cloudtrail-ingress-with-20000-permissions", () => Utf8(Support.Json.ApiCall("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", Support.Json.IamUser,
            ",\"requestParameters\":{\"groupId\":\"sg-1\",\"ipPermissions\":{\"items\":["
            + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"{{\"ipProtocol\":\"tcp\",\"fromPort\":{1000 + (i % 20_000)},\"toPort\":{1000 + (i % 20_000)},\"ipRanges\":{{\"items\":[{{\"cidrIp\":\"10.0.0.0/8\"}}]}}}}"))
            + ",{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"}]}}]}}", id: "sg")), "alert", "vpc-security-group-world-admin-ports"),
    ];

    /// <summary>Case names for [MemberData].</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>Case names whose bad value is well-formed JSON and can also sit inside an array.</summary>
    public static TheoryData<string> ArrayNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(c => c.InArray))
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static HostileCase Get(string name) => All.Single(c => c.Name == name);

    private static string Envelope(string detail) =>
        "{\"version\":\"0\",\"id\":\"env-bad\",\"detail-type\":\"GuardDuty Finding\",\"source\":\"aws.guardduty\",\"account\":\"111122223333\",\"time\":\"2026-10-01T10:00:00Z\",\"region\":\"us-east-1\","
        + detail + "}";

}
