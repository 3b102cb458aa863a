using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds.CloudTrail;

namespace GuardAlerts.Core.Attribution;

/// <summary>
/// Recognises a managed provider's automation and engineers (seed 000) from what AWS sets, never from names alone:
/// a session name is the caller's choice, and anyone with IAM rights can name a role staxid-admin-role or a SAML
/// provider staxid in an account of theirs. Labels only: nothing is silenced or lowered here.
/// </summary>
internal static class ProviderLabels
{
    public static string? ForCloudTrail(CloudTrailRecord record, Actor actor, string? eventAccount, IReadOnlyList<ManagedProviderProfile> providers)
    {
        foreach (var p in providers)
        {
            if (EngineerSignIn(record, eventAccount, p) is { } signIn)
            {
                return signIn;
            }

            if (actor.IdentityType != "AssumedRole" || record.UserIdentity?.SessionIssuer?.Arn is not { } issuer)
            {
                continue;
            }

            // The issuing role's ARN comes from sessionContext.sessionIssuer, which AWS writes.
            var roleAccount = ArnParts.Account(issuer);
            var roleName = ArnParts.LastSegment(issuer);
            if (IsAutomationRole(p, roleAccount, roleName) && roleAccount == eventAccount && p.IsConfiguredFor(eventAccount))
            {
                return $"{p.Name} automation (role {roleName})";
            }

            if (roleName is not null && p.EngineerRoles.Contains(roleName, StringComparer.Ordinal))
            {
                // A session of the engineer role carries no trace of the SAML sign-in that started it.
                return Claim(p, $"a {p.Name} engineer session (role {roleName}, user {actor.SessionName ?? "unknown"})",
                    "the SAML sign-in that would prove it is not in this event; match the user to its AssumeRoleWithSAML alert");
            }

            if (ClaimsAutomationSession(p, actor.SessionName))
            {
                return Claim(p, $"{p.Name} automation (session name {p.AutomationSessionName})", NotAutomationRole(p, roleAccount, roleName, eventAccount));
            }
        }

        return null;
    }

    public static string? ForGuardDuty(string? userType, string? roleName, string? session, string? account, IReadOnlyList<ManagedProviderProfile> providers)
    {
        foreach (var p in providers)
        {
            if (userType != "AssumedRole")
            {
                continue;
            }

            if (IsAutomationRole(p, account, roleName) && p.IsConfiguredFor(account))
            {
                return $"{p.Name} automation (role {roleName})";
            }

            if (ClaimsAutomationSession(p, session))
            {
                return Claim(p, $"{p.Name} automation (session name {p.AutomationSessionName})", NotAutomationRole(p, account, roleName, account));
            }
        }

        return null;
    }

    private static string? EngineerSignIn(CloudTrailRecord record, string? eventAccount, ManagedProviderProfile p)
    {
        if (record.EventName != "AssumeRoleWithSAML" || record.RequestParameters is not { } request)
        {
            return null;
        }

        var roleArn = JsonRead.Str(request, "roleArn");
        var providerArn = JsonRead.Str(request, "principalArn");
        if (!IsResource(roleArn, "role/", p.EngineerRoles) || !IsResource(providerArn, "saml-provider/", p.SamlProviders))
        {
            return null;
        }

        var user = JsonRead.Str(request, "roleSessionName") ?? "unknown user";
        var what = $"{p.Name} engineer access (user {user}, type {(p.UserTypeTag is { } tag ? PrincipalTag(record, tag) : null) ?? "unknown"})";
        // AWS accepted the assertion for this provider and role only if the call succeeded; the provider and the role
        // must both be in the account the event happened in, and that account must be one the provider is set up in.
        var roleAccount = ArnParts.Account(roleArn);
        var why = !string.IsNullOrEmpty(record.ErrorCode) ? $"the call was refused ({record.ErrorCode})"
            : roleAccount != eventAccount || ArnParts.Account(providerArn) != eventAccount ? "the role or the SAML provider is in another account than this event's"
            : !p.IsConfiguredFor(eventAccount) ? $"account {eventAccount ?? "unknown"} is not one config/providers.json sets {p.Name} up in"
            : null;
        return why is null ? what : Claim(p, what, why);
    }

    private static bool IsAutomationRole(ManagedProviderProfile p, string? account, string? roleName)
    {
        foreach (var arn in p.AutomationRoles)
        {
            if (account is not null && roleName is not null && ArnParts.Account(arn) == account && ArnParts.LastSegment(arn) == roleName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ClaimsAutomationSession(ManagedProviderProfile p, string? session) =>
        p.AutomationSessionName is { } name && string.Equals(session, name, StringComparison.Ordinal);

    private static string NotAutomationRole(ManagedProviderProfile p, string? roleAccount, string? roleName, string? eventAccount) =>
        !p.IsConfiguredFor(eventAccount)
            ? $"account {eventAccount ?? "unknown"} is not one config/providers.json sets {p.Name} up in"
            : $"role {roleName ?? "unknown"} in account {roleAccount ?? "unknown"} is not a {p.Name} automation role in config/providers.json";

    private static string Claim(ManagedProviderProfile p, string what, string why) => $"claims to be {what}; UNVERIFIED: {why}";

    private static bool IsResource(string? arn, string kind, IReadOnlyList<string> names) =>
        ArnParts.Resource(arn) is { } resource && resource.StartsWith(kind, StringComparison.Ordinal)
        && ArnParts.LastSegment(resource) is { } name && names.Contains(name, StringComparer.Ordinal);

    private static string? PrincipalTag(CloudTrailRecord record, string tag)
    {
        foreach (var element in new[] { record.RequestParameters, record.ResponseElements })
        {
            if (element is { } e && JsonRead.Obj(e, "principalTags") is { } tags && JsonRead.Str(tags, tag) is { } value)
            {
                return value;
            }
        }

        return null;
    }
}
