namespace GuardAlerts.Core.Attribution;

/// <summary>Who did it, how, and from where.</summary>
public sealed record Actor
{
    /// <summary>CloudTrail's userIdentity.type (IAMUser, AssumedRole, Root, ...), "Unknown" when absent.</summary>
    public required string IdentityType { get; init; }

    /// <summary>A short human name: the user, "root", the role and session, the service.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The ARN exemptions match on: the IAM user ARN, the root ARN, or for an assumed-role session the ARN of the role
    /// it came from (never the session ARN, whose last segment the caller chooses).
    /// </summary>
    public string? PrincipalArn { get; init; }

    /// <summary>The assumed-role session name (caller-chosen) or federated user name.</summary>
    public string? SessionName { get; init; }

    public string? PrincipalId { get; init; }
    public string? AccountId { get; init; }
    public string? AccessKeyId { get; init; }
    public MfaStatus Mfa { get; init; }
    public ClientKind Client { get; init; }
    public string? UserAgent { get; init; }
    public string? SourceIp { get; init; }

    /// <summary>The SAML provider ARN for SAML federation, when the event names it.</summary>
    public string? SamlProvider { get; init; }

    /// <summary>A label from attribution (for example "Stax automation"): context for the reader, never a reason to stay silent.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// The caller's account when it is another account than <paramref name="eventAccount"/> (where the event was
    /// recorded): a principal from another account acting here. Null for AWS services and when either is unknown.
    /// </summary>
    public string? OtherAccount(string? eventAccount) =>
        IdentityType != "AWSService" && AccountId is { Length: 12 } account && account.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
        && eventAccount is not null && !string.Equals(account, eventAccount, StringComparison.Ordinal)
            ? account
            : null;

    /// <summary>The key used for dedup windows: the most stable identifier available.</summary>
    public string DedupPrincipal => PrincipalArn ?? PrincipalId ?? Name;
}
