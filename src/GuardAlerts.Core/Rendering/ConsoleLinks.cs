using System.Text;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rendering;

/// <summary>Deep links into the AWS console for an event, per partition.</summary>
public static class ConsoleLinks
{
    /// <summary>The console URL that shows the event or finding.</summary>
    public static string For(SecurityEvent e) => AppendTo(new StringBuilder(160), e).ToString();

    /// <summary>Appends the console URL that shows the event or finding.</summary>
    internal static StringBuilder AppendTo(StringBuilder b, SecurityEvent e)
    {
        var region = Uri.EscapeDataString(e.Region ?? "us-east-1");
        var partition = e is GuardDutyEvent gd ? gd.Finding.Partition : PartitionOf(e);
        _ = partition switch
        {
            "aws-us-gov" => b.Append("https://console.amazonaws-us-gov.com"),
            "aws-cn" => b.Append("https://console.amazonaws.cn"),
            _ => b.Append("https://").Append(region).Append(".console.aws.amazon.com"),
        };
        return e switch
        {
            GuardDutyEvent f => b.Append("/guardduty/home?region=").Append(region).Append("#/findings?macros=current&fId=").Append(Uri.EscapeDataString(f.Finding.Id)),
            CloudTrailEvent c => b.Append("/cloudtrailv2/home?region=").Append(region).Append("#/events/").Append(Uri.EscapeDataString(c.Record.EventId ?? c.Id)),
            _ => b,
        };
    }

    private static string? PartitionOf(SecurityEvent e) =>
        e is CloudTrailEvent { Record.UserIdentity.Arn: { } arn } && arn.StartsWith("arn:", StringComparison.Ordinal)
            ? Attribution.ArnParts.Partition(arn)
            : e.Region?.StartsWith("us-gov-", StringComparison.Ordinal) == true ? "aws-us-gov"
            : e.Region?.StartsWith("cn-", StringComparison.Ordinal) == true ? "aws-cn" : "aws";
}
