using System.Globalization;
using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"portsInclude": [22, 3389]}: the scope is a security group permission or rule, or a network ACL entry, that lets
/// TCP or UDP traffic reach one of the ports. Reads the protocol from ipProtocol, IpProtocol, aclProtocol or protocol
/// (a name or an IANA number, any case: tcp/6, udp/17; -1 or all is every protocol and port; icmp/1, icmpv6/58 and
/// other protocols have no ports) and the range from fromPort/toPort, FromPort/ToPort or portRange.from/to.
/// </summary>
public sealed record PortsIncludeCondition(IReadOnlyList<int> Ports) : Condition
{
    private const int MaxPort = 65535;

    public override bool Evaluate(JsonElement scope)
    {
        switch (Protocol(scope))
        {
            case ProtocolKind.All:
                return true;
            case ProtocolKind.WithoutPorts:
                return false;
        }

        var range = JsonRead.Obj(scope, "portRange");
        var from = JsonRead.Num(scope, "fromPort", anyCase: true) ?? (range is { } r ? JsonRead.Num(r, "from") : null);
        var to = JsonRead.Num(scope, "toPort", anyCase: true) ?? (range is { } r2 ? JsonRead.Num(r2, "to") : null);
        // AWS refuses a TCP/UDP rule without a range or with -1, so only a refused call carries one; reading a missing
        // or negative bound as open keeps that attempt visible instead of deciding it reaches no port.
        var low = from is { } f && f >= 0 ? f : 0;
        var high = to is { } t && t >= 0 ? t : MaxPort;
        foreach (var port in Ports)
        {
            if (port >= low && port <= high)
            {
                return true;
            }
        }

        return false;
    }

    private static ProtocolKind Protocol(JsonElement scope)
    {
        var text = (JsonRead.Str(scope, "ipProtocol", anyCase: true) ?? JsonRead.Str(scope, "aclProtocol") ?? JsonRead.Str(scope, "protocol"))?.Trim();
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number switch
            {
                -1 => ProtocolKind.All,
                6 or 17 => ProtocolKind.TcpOrUdp,
                _ => ProtocolKind.WithoutPorts,
            };
        }

        return text?.ToUpperInvariant() switch
        {
            null => ProtocolKind.TcpOrUdp,
            "ALL" => ProtocolKind.All,
            "TCP" or "UDP" => ProtocolKind.TcpOrUdp,
            _ => ProtocolKind.WithoutPorts,
        };
    }

    private enum ProtocolKind
    {
        All,
        TcpOrUdp,
        WithoutPorts,
    }
}
