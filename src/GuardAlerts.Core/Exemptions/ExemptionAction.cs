namespace GuardAlerts.Core.Exemptions;

/// <summary>What a matching exemption does.</summary>
public enum ExemptionAction
{
    /// <summary>No alert; the decision is "exempted" and logged with the exemption id.</summary>
    Suppress,
    /// <summary>The severity drops one level (it may then fall below the publishing minimum).</summary>
    Downgrade,
}
