using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rendering;

/// <summary>Deep links into the AWS console for an event, per partition.</summary>
public static class ConsoleLinks
{
    /// <summary>The console URL that shows the event or finding.</summary>
    public static string For(SecurityEvent e)
    {
        var region = Uri.EscapeDataString(e.Region ?? "us-east-1");
        var partition = e is GuardDutyEvent gd ? gd.Finding.Partition : PartitionOf(e);
        var host = partition switch
        {
            "aws-us-gov" => $"https://console.amazonaws-us-gov.com",
            "aws-cn" => $"https://console.amazonaws.cn",
            _ => $"https://{region}.console.aws.amazon.com",
        };
        return e switch
        {
            GuardDutyEvent f => $"{host}/guardduty/home?region={region}#/findings?macros=current&fId={Uri.EscapeDataString(f.Finding.Id)}",
            CloudTrailEvent c => $"{host}/cloudtrailv2/home?region={region}#/events/{Uri.EscapeDataString(c.Record.EventId ?? c.Id)}",
            _ => host,
        };
    }

    private static string? PartitionOf(SecurityEvent e) =>
        e is CloudTrailEvent { Record.UserIdentity.Arn: { } arn } && arn.StartsWith("arn:", StringComparison.Ordinal)
            ? Attribution.ArnParts.Partition(arn)
            : e.Region?.StartsWith("us-gov-", StringComparison.Ordinal) == true ? "aws-us-gov"
            : e.Region?.StartsWith("cn-", StringComparison.Ordinal) == true ? "aws-cn" : "aws";
}
