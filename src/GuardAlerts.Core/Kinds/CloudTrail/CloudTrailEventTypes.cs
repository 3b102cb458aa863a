namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>
/// Which CloudTrail records the risk table decides by their eventName: the ones that record the action itself. Other
/// record types name an API call they are only about, and deciding them as that call would alert on something that
/// did not happen (a VPC endpoint's denial of a StopLogging request that never reached CloudTrail) or twice for one
/// thing (the endpoint's record beside the call's own).
/// </summary>
public static class CloudTrailEventTypes
{
    /// <summary>
    /// Whether rules decide a record of this eventType: <c>AwsApiCall</c>, <c>AwsConsoleSignIn</c> (ConsoleLogin;
    /// AWS's own examples also spell it <c>AwsConsoleSignin</c>), <c>AwsServiceEvent</c> and <c>AwsConsoleAction</c>
    /// (their eventName is their own, not a call they mention), and a record without the field (older records, and
    /// hand-made ones) as an API call. Not decided: <c>AwsVpceEvent</c> (network activity through a VPC endpoint:
    /// the call it names has its own record if it reached the service), <c>AwsCloudTrailInsight</c> (an unusual call
    /// rate, not a call) and any type CloudTrail adds later, until a rule is written for it.
    /// </summary>
    public static bool AreDecidedByRules(string? eventType) =>
        string.IsNullOrEmpty(eventType)
        || eventType.Equals("AwsApiCall", StringComparison.OrdinalIgnoreCase)
        || eventType.Equals("AwsConsoleSignIn", StringComparison.OrdinalIgnoreCase)
        || eventType.Equals("AwsServiceEvent", StringComparison.OrdinalIgnoreCase)
        || eventType.Equals("AwsConsoleAction", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a record of a type rules do not decide is ignored (null for types they decide).</summary>
    public static string? IgnoredReason(CloudTrailRecord record)
    {
        if (AreDecidedByRules(record.EventType))
        {
            return null;
        }

        var type = Text.TextSanitizer.ToSingleLine(record.EventType, 64);
        var name = Text.TextSanitizer.ToSingleLine(record.EventName, 256);
        var what = record.EventType!.Equals("AwsVpceEvent", StringComparison.OrdinalIgnoreCase)
            ? $"a VPC endpoint network-activity record about '{name}', not the call itself (a call that reached the service has its own AwsApiCall record, which the risk table decides)"
            : record.EventType.Equals("AwsCloudTrailInsight", StringComparison.OrdinalIgnoreCase)
                ? $"a CloudTrail Insights record about the rate of '{name}' calls, not a call"
                : $"a record about '{name}' of a type the risk table does not decide (only API calls, console sign-ins and actions, and AWS service events)";
        return $"CloudTrail eventType '{type}': {what}";
    }
}
