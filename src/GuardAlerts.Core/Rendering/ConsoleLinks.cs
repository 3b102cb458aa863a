using System.Text;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;

namespace GuardAlerts.Core.Rendering;

/// <summary>Deep links into the AWS console for an event, per partition.</summary>
public static class ConsoleLinks
{
    /// <summary>The console URL that shows the event or finding.</summary>
    public static string For(SecurityEvent e) => AppendTo(new StringBuilder(160), e).ToString();

    /// <summary>Appends the console URL that shows the event or finding (the host by partition, the path by kind).</summary>
    internal static StringBuilder AppendTo(StringBuilder b, SecurityEvent e)
    {
        var kind = EventKinds.Of(e.Kind);
        var region = Uri.EscapeDataString(e.Region ?? "us-east-1");
        _ = kind.Partition(e) switch
        {
            "aws-us-gov" => b.Append("https://console.amazonaws-us-gov.com"),
            "aws-cn" => b.Append("https://console.amazonaws.cn"),
            _ => b.Append("https://").Append(region).Append(".console.aws.amazon.com"),
        };
        return kind.AppendConsolePath(b, e, region);
    }

    /// <summary>The partition a region belongs to, by its prefix.</summary>
    internal static string PartitionOfRegion(string? region) =>
        region?.StartsWith("us-gov-", StringComparison.Ordinal) == true ? "aws-us-gov"
        : region?.StartsWith("cn-", StringComparison.Ordinal) == true ? "aws-cn" : "aws";
}
