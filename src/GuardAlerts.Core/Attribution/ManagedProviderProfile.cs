namespace GuardAlerts.Core.Attribution;

/// <summary>
/// How a managed-AWS provider's automation and engineers show up in events (seed 000: Stax), from
/// config/providers.json. A label is given only when what AWS sets says so: the account the event happened in is one
/// of <see cref="Accounts"/>, and the role (and, for an engineer's sign-in, the SAML provider in that same account)
/// is the provider's. Names the caller chooses (a session called "StaxHelper", a role named staxid-admin-role in
/// some other account) only earn a "claims to be ..., unverified" label. A label never changes a decision: whether
/// to stay quiet about these actors is the exemption list's call, with an owner and an expiry.
/// </summary>
/// <param name="Id">The entry's id in providers.json.</param>
/// <param name="Name">The provider's name as shown in alerts ("Stax").</param>
/// <param name="Accounts">The accounts the provider is set up in (its SAML provider and roles live there).</param>
/// <param name="SamlProviders">SAML provider names engineers sign in through (an IAM SAML provider's ARN ends in saml-provider/NAME).</param>
/// <param name="EngineerRoles">Role names engineers assume through those providers.</param>
/// <param name="AutomationRoles">ARNs of the roles the provider's automation runs as (matched by account and role name: IAM role names are unique in an account, and GuardDuty names roles without their path).</param>
/// <param name="AutomationSessionName">The session name automation uses (caller-chosen: only ever a claim).</param>
/// <param name="UserTypeTag">The principal tag naming the engineer's kind (customer, partner, provider), or null.</param>
public sealed record ManagedProviderProfile(
    string Id,
    string Name,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> SamlProviders,
    IReadOnlyList<string> EngineerRoles,
    IReadOnlyList<string> AutomationRoles,
    string? AutomationSessionName,
    string? UserTypeTag)
{
    /// <summary>Whether the provider is set up in <paramref name="account"/>.</summary>
    public bool IsConfiguredFor(string? account) => account is not null && Accounts.Contains(account, StringComparer.Ordinal);
}
