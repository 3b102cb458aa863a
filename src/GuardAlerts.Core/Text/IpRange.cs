using System.Net;
using System.Net.Sockets;

namespace GuardAlerts.Core.Text;

/// <summary>An IP address or CIDR block (IPv4 or IPv6).</summary>
public sealed record IpRange(IPAddress Network, int PrefixLength)
{
    /// <summary>Whether the range is IPv4 (otherwise IPv6).</summary>
    public bool IsIPv4 => Network.AddressFamily == AddressFamily.InterNetwork;

    /// <summary>The lowest address the range covers, as a number (host bits written in the text are cleared).</summary>
    public UInt128 First => ToNumber(Network) & ~HostMask;

    /// <summary>The highest address the range covers, as a number.</summary>
    public UInt128 Last => First | HostMask;

    private UInt128 HostMask
    {
        get
        {
            var hostBits = (IsIPv4 ? 32 : 128) - PrefixLength;
            return hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        }
    }

    /// <summary>Parses "203.0.113.7", "203.0.113.0/24" or "2001:db8::/32".</summary>
    public static bool TryParse(string? text, out IpRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = max;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), out prefix) || prefix < 0 || prefix > max))
        {
            return false;
        }

        range = new IpRange(address, prefix);
        return true;
    }

    /// <summary>Whether the address (text from an event, possibly a host name such as "AWS Internal") lies in the range.</summary>
    public bool Contains(string? addressText)
    {
        if (addressText is null || !IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6 && Network.AddressFamily == AddressFamily.InterNetwork)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> n = stackalloc byte[16];
        address.TryWriteBytes(a, out var length);
        Network.TryWriteBytes(n, out _);
        var bits = PrefixLength;
        for (var i = 0; i < length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An address as an unsigned number (32 significant bits for IPv4, 128 for IPv6).</summary>
    internal static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        UInt128 value = 0;
        for (var i = 0; i < length; i++)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }
}
