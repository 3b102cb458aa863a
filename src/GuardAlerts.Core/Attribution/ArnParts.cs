namespace GuardAlerts.Core.Attribution;

/// <summary>Small, allocation-light helpers over ARNs ("arn:partition:service:region:account:resource").</summary>
internal static class ArnParts
{
    public static string Partition(string? arn) =>
        arn is not null && arn.StartsWith("arn:", StringComparison.Ordinal) && arn.IndexOf(':', 4) is var end and > 4
            ? arn[4..end]
            : "aws";

    /// <summary>The account field of an ARN (the fifth), or null when the ARN has none.</summary>
    public static string? Account(string? arn)
    {
        var parts = arn?.Split(':', 6);
        return parts is { Length: 6 } && parts[0] == "arn" && parts[4].Length > 0 ? parts[4] : null;
    }

    /// <summary>The resource part after the fifth colon ("user/alice", "assumed-role/Admin/bob").</summary>
    public static string? Resource(string? arn)
    {
        if (arn is null)
        {
            return null;
        }

        var index = -1;
        for (var i = 0; i < 5; i++)
        {
            index = arn.IndexOf(':', index + 1);
            if (index < 0)
            {
                return null;
            }
        }

        return arn[(index + 1)..];
    }

    /// <summary>The last path segment of an ARN or id ("alice" of "user/alice").</summary>
    public static string? LastSegment(string? text, char separator = '/') =>
        text is null ? null : text[(text.LastIndexOf(separator) + 1)..];

    /// <summary>The role ARN behind an STS assumed-role ARN (arn:aws:sts::1:assumed-role/R/s becomes arn:aws:iam::1:role/R).</summary>
    public static string? RoleFromAssumedRole(string? arn)
    {
        var resource = Resource(arn);
        if (arn is null || resource is null || !resource.StartsWith("assumed-role/", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = resource.Split('/');
        var account = arn.Split(':')[4];
        return parts.Length >= 2 ? $"arn:{Partition(arn)}:iam::{account}:role/{parts[1]}" : null;
    }
}
