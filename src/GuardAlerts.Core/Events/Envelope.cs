namespace GuardAlerts.Core.Events;

/// <summary>The EventBridge envelope fields around a detail.</summary>
internal sealed record Envelope(string? Id, string? DetailType, string? Source, string? Account, string? Region, DateTimeOffset? Time);
