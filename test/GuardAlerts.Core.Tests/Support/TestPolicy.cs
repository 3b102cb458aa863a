using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Tests.Support;

/// <summary>A small risk table for unit tests, independent of the shipped config/.</summary>
internal static class TestPolicy
{
    public const string RiskTableJson = """
        {"minimumSeverity":"Medium","defaultDedupWindowMinutes":60,"lowerFailedCallsBy":1,"rules":[
          {"id":"signin-root","kind":"cloudtrail","eventSource":"signin.amazonaws.com","eventNames":["ConsoleLogin"],
           "when":{"path":"userIdentity.type","equals":"Root"},"severity":"Critical","title":"Root sign-in","why":"w","next":"n"},
          {"id":"signin-failed","kind":"cloudtrail","eventSource":"signin.amazonaws.com","eventNames":["ConsoleLogin"],
           "when":{"path":"responseElements.ConsoleLogin","equals":"Failure"},"severity":"Low","title":"Failed sign-in","why":"w","next":"n"},
          {"id":"signin","kind":"cloudtrail","eventSource":"signin.amazonaws.com","eventNames":["ConsoleLogin"],"severity":"Medium",
           "raise":[{"when":{"all":[{"path":"userIdentity.type","equals":"IAMUser"},{"not":{"path":"additionalEventData.MFAUsed","equals":"Yes"}}]},"by":1,"because":"sign-in without MFA"}],
           "title":"Console sign-in","why":"w","next":"n"},
          {"id":"trail-stop","kind":"cloudtrail","eventSource":"cloudtrail.amazonaws.com","eventNames":["StopLogging"],"severity":"High","specifics":[{"label":"","paths":["requestParameters.name"]}],
           "title":"CloudTrail logging stopped","why":"w","next":"n","references":["https://docs.aws.amazon.com/awscloudtrail/"]},
          {"id":"sg-world-admin","kind":"cloudtrail","eventSource":"ec2.amazonaws.com","eventNames":["AuthorizeSecurityGroupIngress"],
           "when":{"forAny":"requestParameters.ipPermissions.items","where":{"all":[{"path":"ipRanges.items.cidrIp","equals":"0.0.0.0/0"},{"portsInclude":[22,3389]}]}},
           "severity":"Critical","title":"SSH/RDP open to the world","why":"w","next":"n"},
          {"id":"sg-world","kind":"cloudtrail","eventSource":"ec2.amazonaws.com","eventNames":["AuthorizeSecurityGroupIngress"],
           "when":{"path":"requestParameters.ipPermissions.items.ipRanges.items.cidrIp","equals":"0.0.0.0/0"},
           "severity":"High","title":"Ingress open to the world","why":"w","next":"n"},
          {"id":"burst","kind":"cloudtrail","eventSource":"iam.amazonaws.com","eventNames":["CreateAccessKey"],"severity":"High","title":"Access key created","why":"w","next":"n","dedupWindowMinutes":60},
          {"id":"every","kind":"cloudtrail","eventSource":"iam.amazonaws.com","eventNames":["CreateUser"],"severity":"High","title":"User created","why":"w","next":"n","dedupWindowMinutes":0},
          {"id":"gd-all","kind":"guardduty","findingTypes":["*"],"severity":"fromFinding","title":"GuardDuty finding","why":"w","next":"n"}
        ]}
        """;

    public static RiskTable Table() => RiskTableLoader.Load(Json.Utf8(RiskTableJson), "test-risk-table.json");

    public static AlertPolicy Policy(string exemptionsJson = """{"exemptions":[]}""", DateTimeOffset? now = null) =>
        new(Table(), ExemptionLoader.Load(Json.Utf8(exemptionsJson), "test-exemptions.json", now ?? new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)));
}
