namespace GuardAlerts.Core.Rules;

/// <summary>Who a policy statement's Principal names, as the "principals" test of a policy condition reads it.</summary>
public enum PolicyPrincipalKind
{
    /// <summary>Everyone: Principal "*" or {"AWS": "*"}, or an Allow with NotPrincipal (everyone but a few).</summary>
    Anyone,

    /// <summary>An AWS principal (account id, root, user, role or session ARN) of an account other than the event's.</summary>
    OtherAccount,

    /// <summary>A web identity (OIDC) provider: an oidc-provider ARN or a provider domain (cognito-identity, accounts.google.com ...).</summary>
    Oidc,

    /// <summary>A SAML provider ARN.</summary>
    Saml,

    /// <summary>An AWS service principal (lambda.amazonaws.com ...).</summary>
    Service,
}
