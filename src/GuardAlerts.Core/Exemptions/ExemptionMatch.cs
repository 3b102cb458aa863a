namespace GuardAlerts.Core.Exemptions;

/// <summary>
/// The "match" of an exemption. Every given field must match; a list matches if any item does; strings are '*'
/// globs (case-insensitive); sourceIps are addresses or CIDR blocks. Null means "not given". What a match may be
/// is <see cref="ExemptionMatchRules"/>'s to say.
/// </summary>
public sealed record ExemptionMatch
{
    public IReadOnlyList<string>? Accounts { get; init; }
    public IReadOnlyList<string>? Regions { get; init; }
    public IReadOnlyList<string>? EventNames { get; init; }
    public IReadOnlyList<string>? FindingTypes { get; init; }
    /// <summary>IAM user ARN, root ARN, or for an assumed-role session the ARN of the role it came from.</summary>
    public IReadOnlyList<string>? PrincipalArns { get; init; }
    /// <summary>Caller-chosen: only allowed together with principalArns, accounts or samlProviders.</summary>
    public IReadOnlyList<string>? SessionNames { get; init; }
    /// <summary>SAML provider ARNs or names.</summary>
    public IReadOnlyList<string>? SamlProviders { get; init; }
    /// <summary>Caller-chosen: only allowed together with principalArns, accounts or samlProviders.</summary>
    public IReadOnlyList<string>? UserAgents { get; init; }
    public IReadOnlyList<Text.IpRange>? SourceIps { get; init; }

    /// <summary>Whether no field is given (such a match would exempt everything, so validation refuses it).</summary>
    public bool IsEmpty => Accounts is null && Regions is null && EventNames is null && FindingTypes is null
        && PrincipalArns is null && SessionNames is null && SamlProviders is null && UserAgents is null && SourceIps is null;
}
