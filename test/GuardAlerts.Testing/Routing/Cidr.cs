using System.Net;
using System.Net.Sockets;

namespace GuardAlerts.Testing.Routing;

/// <summary>IP address matching ("cidr") as EventBridge and SNS filter policies do it: the address, parsed, inside the block.</summary>
public static class Cidr
{
    public static bool Contains(string block, string address)
    {
        ArgumentNullException.ThrowIfNull(block);
        var slash = block.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(block[..slash], out var network) || !int.TryParse(block[(slash + 1)..], out var bits))
        {
            throw new ArgumentException($"'{block}' is not a CIDR block");
        }

        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = network.GetAddressBytes();
        var b = ip.GetAddressBytes();
        if (bits < 0 || bits > a.Length * 8)
        {
            throw new ArgumentException($"'{block}': prefix length out of range for {(network.AddressFamily == AddressFamily.InterNetwork ? "IPv4" : "IPv6")}");
        }

        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
