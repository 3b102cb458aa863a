using GuardAlerts.Core.Kinds;

namespace GuardAlerts.Core.Events;

/// <summary>
/// The result of reading one JSON value as an event: either the event, or why it was rejected together with
/// whatever identifying fields could still be read (so a rejection can be traced back to its input).
/// </summary>
public sealed record ParsedEvent
{
    public SecurityEvent? Event { get; init; }
    public string? Rejection { get; init; }
    public string? Id { get; init; }
    public EventKind? Kind { get; init; }
    public string? Name { get; init; }
    public string? Account { get; init; }
    public string? Region { get; init; }

    public static ParsedEvent Of(SecurityEvent e) => new()
    {
        Event = e, Id = e.Id, Kind = e.Kind, Name = e.Name, Account = e.Account, Region = e.Region,
    };

    public static ParsedEvent Rejected(string reason, string? id = null, EventKind? kind = null, string? name = null,
        string? account = null, string? region = null) =>
        new() { Rejection = reason, Id = id, Kind = kind, Name = name, Account = account, Region = region };
}
