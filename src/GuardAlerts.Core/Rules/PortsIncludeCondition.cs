using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"portsInclude": [22, 3389]}: the scope is an EC2 permission or ACL entry (ipProtocol, fromPort, toPort, or
/// portRange.from/to) whose range covers one of the ports. Protocol "-1"/"all" covers every port.
/// </summary>
public sealed record PortsIncludeCondition(IReadOnlyList<int> Ports) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        var protocol = JsonRead.Str(scope, "ipProtocol") ?? JsonRead.Str(scope, "protocol");
        if (protocol is "-1" or "all")
        {
            return true;
        }

        if (protocol is not null && protocol is not ("tcp" or "udp" or "6" or "17"))
        {
            return false;
        }

        var range = JsonRead.Obj(scope, "portRange");
        var from = JsonRead.Num(scope, "fromPort") ?? (range is { } r ? JsonRead.Num(r, "from") : null);
        var to = JsonRead.Num(scope, "toPort") ?? (range is { } r2 ? JsonRead.Num(r2, "to") : null);
        if (from is null || to is null)
        {
            return false;
        }

        foreach (var port in Ports)
        {
            if (port >= from && port <= to)
            {
                return true;
            }
        }

        return false;
    }
}
