namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>resource.accessKeyDetails of a GuardDuty finding: the principal whose credentials were used.</summary>
public sealed record AccessKeyDetails
{
    public string? AccessKeyId { get; init; }
    public string? PrincipalId { get; init; }
    public string? UserName { get; init; }
    public string? UserType { get; init; }
}
