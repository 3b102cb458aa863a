namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>The fields of a GuardDuty finding the pipeline uses (camelCase as in EventBridge detail and GetFindings).</summary>
public sealed record GuardDutyFinding
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required double Severity { get; init; }
    public string? AccountId { get; init; }
    public string? Region { get; init; }
    public string? Partition { get; init; }
    public string? Arn { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public string? ResourceType { get; init; }
    /// <summary>The affected resource, in words ("EC2 instance i-0abc (t3.micro)").</summary>
    public string? ResourceSummary { get; init; }
    public AccessKeyDetails? AccessKey { get; init; }
    public string? ActionType { get; init; }
    public string? Api { get; init; }
    public string? RemoteIp { get; init; }
    public string? RemoteCountry { get; init; }
    public string? UserAgent { get; init; }
    public bool IsSample { get; init; }
    public bool Archived { get; init; }
    public long? Count { get; init; }
}
