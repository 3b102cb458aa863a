namespace GuardAlerts.Core.Attribution;

/// <summary>Classifies a CloudTrail user agent. The caller sets the user agent, so this labels; it never proves.</summary>
public static class UserAgentClassifier
{
    /// <summary>The client kind for a user agent string (null or empty: Unknown).</summary>
    public static ClientKind Classify(string? userAgent, string? invokedBy = null)
    {
        if (!string.IsNullOrEmpty(invokedBy))
        {
            return ClientKind.AwsService;
        }

        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return ClientKind.Unknown;
        }

        var ua = userAgent.AsSpan().Trim();
        if (ua.Contains("terraform", StringComparison.OrdinalIgnoreCase))
        {
            return ClientKind.Terraform;
        }

        if (ua.StartsWith("aws-cli/", StringComparison.OrdinalIgnoreCase) || ua.Contains(" aws-cli/", StringComparison.OrdinalIgnoreCase))
        {
            return ClientKind.Cli;
        }

        if (ua.Contains("cloudformation.amazonaws.com", StringComparison.OrdinalIgnoreCase))
        {
            return ClientKind.CloudFormation;
        }

        if (ua.StartsWith("signin.amazonaws.com", StringComparison.OrdinalIgnoreCase)
            || ua.StartsWith("console.", StringComparison.OrdinalIgnoreCase) && ua.Contains("amazonaws.com", StringComparison.OrdinalIgnoreCase)
            || ua.StartsWith("Mozilla/", StringComparison.OrdinalIgnoreCase)
            || ua.StartsWith("AWS Signin", StringComparison.OrdinalIgnoreCase))
        {
            return ClientKind.Console;
        }

        if (ua.Contains("aws-sdk", StringComparison.OrdinalIgnoreCase) || ua.Contains("Boto3/", StringComparison.OrdinalIgnoreCase)
            || ua.Contains("botocore/", StringComparison.OrdinalIgnoreCase) || ua.StartsWith("aws-internal/", StringComparison.OrdinalIgnoreCase)
            || ua.Contains("aws-powershell", StringComparison.OrdinalIgnoreCase))
        {
            return ClientKind.Sdk;
        }

        if (ua.Equals("AWS Internal", StringComparison.OrdinalIgnoreCase) || ua.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase))
        {
            return ClientKind.AwsService;
        }

        return ClientKind.Other;
    }
}
