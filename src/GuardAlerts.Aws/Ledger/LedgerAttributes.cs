namespace GuardAlerts.Aws.Ledger;

/// <summary>The ledger item's attribute names and state values (the table's schema lives here and in LedgerTable).</summary>
internal static class LedgerAttributes
{
    /// <summary>Partition key (S): the dedup key.</summary>
    public const string Key = "pk";

    /// <summary>TTL attribute (N, epoch seconds): DynamoDB deletes the item some time after this.</summary>
    public const string ExpiresAt = "expiresAt";

    /// <summary>(S) the current claim's id; confirm and release are conditional on it.</summary>
    public const string ClaimId = "claimId";

    /// <summary>(S) pending or sent.</summary>
    public const string State = "state";

    /// <summary>(N, epoch milliseconds) until when a pending claim is exclusive.</summary>
    public const string LeaseUntil = "leaseUntil";

    /// <summary>(N) how many times the key was seen (atomic counter).</summary>
    public const string Seen = "seen";

    /// <summary>(N, epoch milliseconds) when the current claim was made.</summary>
    public const string ClaimedAt = "claimedAt";

    /// <summary>(N, epoch milliseconds) when the alert was confirmed sent.</summary>
    public const string SentAt = "sentAt";

    /// <summary>(S) the SNS message id.</summary>
    public const string MessageId = "messageId";

    /// <summary>(SS) a threshold window's members: events (time and id hash) or the distinct values it counts.</summary>
    public const string Members = "members";

    public const string Pending = "pending";
    public const string Sent = "sent";
}
