namespace GuardAlerts.Aws.Configuration;

/// <summary>The parts of an SNS topic ARN: arn:PARTITION:sns:REGION:ACCOUNT:NAME.</summary>
public sealed record TopicArn(string Value, string Partition, string Region, string Account, string Name)
{
    /// <summary>Parses a topic ARN; null when it is not one.</summary>
    public static TopicArn? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var parts = value.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sns"
            || parts[1].Length == 0 || parts[3].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0)
        {
            return null;
        }

        return new TopicArn(value, parts[1], parts[3], parts[4], parts[5]);
    }

    /// <summary>The public SNS endpoint for this topic's region and partition.</summary>
    public Uri DefaultEndpoint(string region)
    {
        // China regions live under their own DNS suffix; every other partition uses amazonaws.com.
        var suffix = Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://sns.{region}.{suffix}/");
    }
}
