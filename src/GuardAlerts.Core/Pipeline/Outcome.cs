namespace GuardAlerts.Core.Pipeline;

/// <summary>What happened to an event. Every outcome but Alert is a silence, and each carries its reason.</summary>
public enum Outcome
{
    /// <summary>Published.</summary>
    Alert,
    /// <summary>Silenced or downgraded below the minimum by an exemption (its id is on the decision).</summary>
    Exempted,
    /// <summary>Already alerted (same dedup key).</summary>
    Duplicate,
    /// <summary>No rule matches, or the severity is below the minimum.</summary>
    Ignored,
    /// <summary>Not a usable event; the reason names the problem.</summary>
    Rejected,
}
