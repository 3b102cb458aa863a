namespace GuardAlerts.Cdk.Configuration;

/// <summary>
/// Filter policies of the alert topic's subscriptions, on the message attributes the functions set on every alert
/// ("severity", "kind", ...; the canary also "canary"). They are used on the alert topic only: a policy with a key
/// never matches a message without attributes (alarms, EventBridge deliveries), which therefore go to the
/// operations and pager topics, whose subscriptions have no filter.
/// </summary>
internal static class SubscriptionFilters
{
    /// <summary>E-mail: every alert except the heartbeat canary.</summary>
    public static Dictionary<string, object> Email() => new()
    {
        [CanaryContract.MessageAttribute] = NotPresent(),
    };

    /// <summary>SMS: alerts at or above the minimum severity; never the canary (even with an Informational minimum).</summary>
    public static Dictionary<string, object> Sms(IReadOnlyList<string> severities) => new()
    {
        [CanaryContract.MessageAttribute] = NotPresent(),
        ["severity"] = severities.Cast<object>().ToArray(),
    };

    private static object[] NotPresent() => [new Dictionary<string, object> { ["exists"] = false }];
}
