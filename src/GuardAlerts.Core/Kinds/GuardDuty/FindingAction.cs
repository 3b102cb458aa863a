using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>The actor side of a finding's service.action: what was done and from where.</summary>
internal sealed record FindingAction(string? Type, string? Api, string? RemoteIp, string? RemoteCountry, string? UserAgent)
{
    public static FindingAction None { get; } = new(null, null, null, null, null);

    // GuardDuty puts the remote party in a different element for each action type.
    private static readonly string[] ActionElements =
    [
        "awsApiCallAction", "networkConnectionAction", "portProbeAction", "kubernetesApiCallAction",
        "rdsLoginAttemptAction", "dnsRequestAction", "kubernetesPermissionCheckedAction", "kubernetesRoleBindingDetails",
    ];

    public static FindingAction Read(JsonElement service)
    {
        if (JsonRead.Obj(service, "action", true) is not { } action)
        {
            return None;
        }

        var type = JsonRead.Str(action, "actionType", true);
        foreach (var name in ActionElements)
        {
            if (JsonRead.Obj(action, name, true) is not { } detail)
            {
                continue;
            }

            var remote = JsonRead.Obj(detail, "remoteIpDetails", true);
            if (remote is null && JsonRead.Arr(detail, "portProbeDetails", true) is { } probes && probes.GetArrayLength() > 0)
            {
                remote = JsonRead.Obj(probes[0], "remoteIpDetails", true);
            }

            var agent = JsonRead.Obj(detail, "userAgent", true) is { } ua
                ? JsonRead.Str(ua, "fullUserAgent", true)
                : JsonRead.Str(detail, "userAgent", true);
            var country = remote is { } rc && JsonRead.Obj(rc, "country", true) is { } c ? JsonRead.Str(c, "countryName", true) : null;
            return new FindingAction(
                type,
                JsonRead.Str(detail, "api", true) ?? JsonRead.Str(detail, "verb", true),
                remote is { } rip ? JsonRead.Str(rip, "ipAddressV4", true) ?? JsonRead.Str(rip, "ipAddressV6", true) : null,
                country,
                agent);
        }

        return new FindingAction(type, null, null, null, null);
    }
}
