namespace GuardAlerts.Cdk.Configuration;

/// <summary>The `-c name=value` settings the app reads, in one place.</summary>
internal static class ContextKeys
{
    /// <summary>Comma-separated e-mail addresses subscribed to every alert.</summary>
    public const string AlertEmails = "alertEmails";

    /// <summary>Comma-separated E.164 phone numbers subscribed by SMS, filtered by severity.</summary>
    public const string AlertPhones = "alertPhones";

    /// <summary>The lowest severity sent by SMS (default High).</summary>
    public const string SmsMinSeverity = "smsMinSeverity";

    /// <summary>"true": create a multi-region CloudTrail trail (for an account that has none).</summary>
    public const string CreateTrail = "createTrail";

    /// <summary>Comma-separated regions: one stack each (default: one stack in the CLI profile's region).</summary>
    public const string Regions = "regions";
}
