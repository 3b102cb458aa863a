namespace GuardAlerts.Cdk.Configuration;

/// <summary>
/// SNS subscription filter policies on message attributes. Alerts carry "severity" (and the canary "canary");
/// CloudWatch alarms and the self-protection rule publish without attributes, so "no severity" must pass too.
/// </summary>
internal static class SubscriptionFilters
{
    /// <summary>E-mail: everything except the heartbeat canary.</summary>
    public static Dictionary<string, object> Email() => new()
    {
        [CanaryContract.MessageAttribute] = NotPresent(),
    };

    /// <summary>SMS: alerts at or above the minimum severity, and attribute-less operational alarms; never the canary.</summary>
    public static Dictionary<string, object> Sms(IReadOnlyList<string> severities) => new()
    {
        [CanaryContract.MessageAttribute] = NotPresent(),
        ["$or"] = new object[]
        {
            new Dictionary<string, object> { ["severity"] = severities.Cast<object>().ToArray() },
            new Dictionary<string, object> { ["severity"] = NotPresent() },
        },
    };

    private static object[] NotPresent() => [new Dictionary<string, object> { ["exists"] = false }];
}
