using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Attribution;

/// <summary>Recognises a managed provider's automation and engineers (seed 000). Labels only: nothing is silenced here.</summary>
internal static class ProviderLabels
{
    public static string? ForCloudTrail(CloudTrailRecord record, Actor actor, IReadOnlyList<ManagedProviderProfile> providers)
    {
        foreach (var p in providers)
        {
            if (record.EventName == "AssumeRoleWithSAML" && record.RequestParameters is { } request
                && IsRole(JsonRead.Str(request, "roleArn"), p.AdminRoleName)
                && IsSamlProvider(JsonRead.Str(request, "principalArn"), p.SamlProviderName))
            {
                var user = JsonRead.Str(request, "roleSessionName") ?? "unknown user";
                var userType = PrincipalTag(record, p.UserTypeTag) ?? "unknown";
                return $"{p.Provider} engineer access: user {user}, type {userType}";
            }

            if (actor.IdentityType == "AssumedRole" && IsRole(actor.PrincipalArn, p.AdminRoleName))
            {
                return $"{p.Provider} engineer session: user {actor.SessionName ?? "unknown"}";
            }

            if (actor.PrincipalId is { } id && id.EndsWith(p.AutomationSessionSuffix, StringComparison.Ordinal))
            {
                // The session name is caller-chosen: the label says what the session claims to be.
                return $"{p.Provider} automation ({p.AutomationSessionSuffix.TrimStart(':')} session)";
            }
        }

        return null;
    }

    public static string? ForPrincipalId(string? principalId, IReadOnlyList<ManagedProviderProfile> providers)
    {
        foreach (var p in providers)
        {
            if (principalId is not null && principalId.EndsWith(p.AutomationSessionSuffix, StringComparison.Ordinal))
            {
                return $"{p.Provider} automation ({p.AutomationSessionSuffix.TrimStart(':')} session)";
            }
        }

        return null;
    }

    private static bool IsRole(string? arn, string roleName) =>
        ArnParts.Resource(arn) is { } resource && resource.StartsWith("role/", StringComparison.Ordinal)
        && ArnParts.LastSegment(resource) == roleName;

    private static bool IsSamlProvider(string? arn, string providerName) =>
        ArnParts.Resource(arn) is { } resource && resource.StartsWith("saml-provider/", StringComparison.Ordinal)
        && ArnParts.LastSegment(resource) == providerName;

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
