namespace GuardAlerts.Core.Exemptions;

/// <summary>One exemption: expected activity, with a reason, an owner and an expiry.</summary>
public sealed record Exemption
{
    public required string Id { get; init; }
    public required string Reason { get; init; }
    public required string Owner { get; init; }

    /// <summary>The last day the exemption applies (UTC, inclusive): it stops applying when the next day begins.</summary>
    public required DateOnly Expires { get; init; }

    public required ExemptionAction Action { get; init; }
    public required ExemptionMatch Match { get; init; }

    /// <summary>Whether it still applies at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) <= Expires;
}
