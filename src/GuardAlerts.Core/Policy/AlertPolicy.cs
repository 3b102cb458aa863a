using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Policy;

/// <summary>
/// The policy a user edits: the risk table, the exemption list and the managed providers whose actors alerts label
/// (none when <paramref name="Providers"/> is null).
/// </summary>
public sealed record AlertPolicy(RiskTable RiskTable, ExemptionList Exemptions, IReadOnlyList<ManagedProviderProfile>? Providers = null)
{
    /// <summary>The managed providers (config/providers.json); empty when none are set up.</summary>
    public IReadOnlyList<ManagedProviderProfile> ManagedProviders => Providers ?? [];
}
