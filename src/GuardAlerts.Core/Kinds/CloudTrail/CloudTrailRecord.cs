using System.Text.Json;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>The fields of a CloudTrail record the pipeline uses. Every field may be absent in real events.</summary>
public sealed record CloudTrailRecord
{
    public string? EventVersion { get; init; }
    public string? EventId { get; init; }
    public DateTimeOffset? EventTime { get; init; }
    public string? EventSource { get; init; }
    public required string EventName { get; init; }
    public string? AwsRegion { get; init; }
    public string? SourceIpAddress { get; init; }
    public string? UserAgent { get; init; }
    public UserIdentity? UserIdentity { get; init; }
    public JsonElement? RequestParameters { get; init; }
    public JsonElement? ResponseElements { get; init; }
    public JsonElement? AdditionalEventData { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? RecipientAccountId { get; init; }
    public bool? ReadOnly { get; init; }
    public string? EventType { get; init; }

    /// <summary>
    /// CloudTrail's sessionCredentialFromConsole: true when the call was made with a console session's credentials.
    /// AWS sets it (it is absent unless true), unlike the user agent, which the caller chooses.
    /// </summary>
    public bool? SessionCredentialFromConsole { get; init; }
}
