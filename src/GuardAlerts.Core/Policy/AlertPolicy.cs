using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Policy;

/// <summary>The policy a user edits: the risk table and the exemption list.</summary>
public sealed record AlertPolicy(RiskTable RiskTable, ExemptionList Exemptions);
