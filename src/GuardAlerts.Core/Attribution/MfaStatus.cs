namespace GuardAlerts.Core.Attribution;

/// <summary>Whether multi-factor authentication stood behind the action.</summary>
public enum MfaStatus
{
    /// <summary>The event does not say.</summary>
    Unknown,
    /// <summary>MFA was used (console sign-in MFAUsed=Yes, or a session with mfaAuthenticated=true).</summary>
    Used,
    /// <summary>The event says MFA was not used.</summary>
    NotUsed,
    /// <summary>A federated sign-in (IAM Identity Center, SAML): the identity provider enforces MFA, CloudTrail cannot see it.</summary>
    IdentityProvider,
    /// <summary>
    /// The event says no MFA, but the session is not a person's console or CLI session (an AWS service, an SDK or
    /// infrastructure tool): MFA does not apply to it.
    /// </summary>
    NotApplicable,
}
