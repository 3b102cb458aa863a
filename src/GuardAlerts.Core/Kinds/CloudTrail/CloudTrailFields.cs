namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>
/// The names of the CloudTrail record fields the parser reads, spelt once: the parser reads them, and the replay's
/// fast path finds the same fields by the same names (and leaves to the parser any record where one holds anything
/// but plain text).
/// </summary>
internal static class CloudTrailFields
{
    public const string EventId = "eventID";
    public const string RecipientAccountId = "recipientAccountId";
    public const string AwsRegion = "awsRegion";
    public const string UserIdentity = "userIdentity";
    public const string EventName = "eventName";
    public const string EventSource = "eventSource";
    public const string EventTime = "eventTime";
    public const string ErrorCode = "errorCode";

    /// <summary>userIdentity.type.</summary>
    public const string IdentityType = "type";
}
