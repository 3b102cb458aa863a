namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>CloudTrail's userIdentity element. <see cref="Type"/> may be absent (it is in some AWS service events).</summary>
public sealed record UserIdentity
{
    public string? Type { get; init; }
    public string? PrincipalId { get; init; }
    public string? Arn { get; init; }
    public string? AccountId { get; init; }
    public string? AccessKeyId { get; init; }
    public string? UserName { get; init; }
    public string? InvokedBy { get; init; }
    public string? IdentityProvider { get; init; }
    public SessionIssuer? SessionIssuer { get; init; }
    public bool? MfaAuthenticated { get; init; }
    public string? SourceIdentity { get; init; }
    /// <summary>IAM Identity Center user id (onBehalfOf.userId) for IdentityCenterUser identities.</summary>
    public string? OnBehalfOfUserId { get; init; }
}
