namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>The role (or user) that issued a temporary session: userIdentity.sessionContext.sessionIssuer.</summary>
public sealed record SessionIssuer
{
    public string? Type { get; init; }
    public string? PrincipalId { get; init; }
    public string? Arn { get; init; }
    public string? AccountId { get; init; }
    public string? UserName { get; init; }
}
