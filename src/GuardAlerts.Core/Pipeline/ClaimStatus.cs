namespace GuardAlerts.Core.Pipeline;

/// <summary>The outcome of a claim.</summary>
public enum ClaimStatus
{
    /// <summary>This caller holds the claim: publish, then confirm (or release on failure).</summary>
    Won,
    /// <summary>The alert was already sent, or another caller holds an unexpired claim: do not publish.</summary>
    Duplicate,
}
