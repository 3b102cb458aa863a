namespace GuardAlerts.Core.Attribution;

/// <summary>
/// How a managed-AWS provider's automation and engineers show up in events (seed 000: Stax). Attribution only labels
/// these actors; whether to stay quiet about them is the exemption list's decision, with an owner and an expiry.
/// </summary>
public sealed record ManagedProviderProfile(
    string Provider,
    string AutomationSessionSuffix,
    string AdminRoleName,
    string SamlProviderName,
    string UserTypeTag)
{
    /// <summary>Stax: automation as assumed-role principal ID "AROA...:StaxHelper"; engineers by AssumeRoleWithSAML into staxid-admin-role.</summary>
    public static ManagedProviderProfile Stax { get; } = new("Stax", ":StaxHelper", "staxid-admin-role", "staxid", "stax-user-type");
}
