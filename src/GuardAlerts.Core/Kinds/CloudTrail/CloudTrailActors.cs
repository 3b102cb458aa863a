using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>Actor attribution for CloudTrail records, for every userIdentity type.</summary>
internal static class CloudTrailActors
{
    private const string SamlUser = "SAMLUser";
    private const string WebIdentityUser = "WebIdentityUser";
    private const string ConsoleLogin = "ConsoleLogin";
    private const string AssumeRoleWithSaml = "AssumeRoleWithSAML";
    private const string IdentityCenterRolePath = "/aws-reserved/sso.amazonaws.com/";

    /// <summary>
    /// The identity types whose actor is named from the request (the role a SAML or web identity caller assumed and
    /// its session name), not from userIdentity: for every other type, the actor's name, type, principal and label
    /// follow from userIdentity and the account alone (what the replay's fast path caches its description by).
    /// </summary>
    public static IReadOnlyList<string> TypesNamedFromRequest { get; } = [SamlUser, WebIdentityUser];

    /// <summary>
    /// The eventNames whose actor attribution reads beyond userIdentity: a console sign-in (its client and MFA come
    /// from the sign-in's own fields) and a SAML role assumption (the provider it names).
    /// </summary>
    public static IReadOnlyList<string> NamesReadBeyondIdentity { get; } = [ConsoleLogin, AssumeRoleWithSaml];

    public static Actor Attribute(CloudTrailRecord record, string? eventAccount, IReadOnlyList<ManagedProviderProfile> providers)
    {
        var ui = record.UserIdentity;
        var type = string.IsNullOrEmpty(ui?.Type) ? "Unknown" : ui.Type;
        var request = record.RequestParameters;
        // A refused AssumeRoleWithSAML/WebIdentity records the role (and SAML provider) the caller typed, which AWS
        // did not accept: an identity taken from it would let anyone be exempted as that role by failing to assume it.
        var verified = string.IsNullOrEmpty(record.ErrorCode);
        var assumedRoleArn = verified && request is { } rq ? JsonRead.Str(rq, "roleArn") : null;
        var samlProvider = verified ? SamlProvider(record) : null;

        var (name, principalArn, session) = type switch
        {
            "IAMUser" => (ui!.UserName ?? ArnParts.LastSegment(ui.Arn) ?? ui.PrincipalId ?? "unknown IAM user", ui.Arn, null),
            "Root" => ("root", ui!.Arn ?? RootArn(ui.AccountId ?? record.RecipientAccountId, ui.Arn), null),
            "AssumedRole" => AssumedRole(ui!),
            "FederatedUser" => ($"federated user {ArnParts.LastSegment(ui!.Arn) ?? ui.PrincipalId}", ui.SessionIssuer?.Arn, ArnParts.LastSegment(ui.Arn)),
            "AWSService" => (ui!.InvokedBy ?? "AWS service", (string?)null, (string?)null),
            "AWSAccount" => ($"AWS account {ui!.AccountId ?? ui.PrincipalId}", null, null),
            SamlUser => ($"SAML user {ui!.UserName ?? ui.PrincipalId}", assumedRoleArn, request is { } r1 ? JsonRead.Str(r1, "roleSessionName") : null),
            WebIdentityUser => ($"web identity user {ui!.UserName ?? ui.PrincipalId} ({ui.IdentityProvider})", assumedRoleArn, request is { } r2 ? JsonRead.Str(r2, "roleSessionName") : null),
            "IdentityCenterUser" => ($"Identity Center user {ui!.OnBehalfOfUserId ?? ui.UserName ?? ui.PrincipalId}", null, null),
            _ => (ui?.UserName ?? ui?.PrincipalId ?? "unknown principal", ui?.Arn, null),
        };

        var client = record.EventName == ConsoleLogin ? ClientKind.Console : UserAgentClassifier.Classify(record.UserAgent, ui?.InvokedBy);
        var mfa = Mfa(record, type);
        var actor = new Actor
        {
            IdentityType = type,
            Name = name,
            PrincipalArn = principalArn,
            SessionName = session,
            PrincipalId = ui?.PrincipalId,
            // The caller's account (AWS sets both fields): shown as "from account N" when it is not the event's.
            AccountId = ui?.AccountId ?? ArnParts.Account(ui?.Arn),
            AccessKeyId = ui?.AccessKeyId,
            Mfa = mfa == MfaStatus.NotUsed && !MfaApplies(record, type) ? MfaStatus.NotApplicable : mfa,
            Client = client,
            UserAgent = record.UserAgent,
            SourceIp = record.SourceIpAddress,
            SamlProvider = samlProvider,
        };
        return providers.Count == 0 ? actor : actor with { Label = ProviderLabels.ForCloudTrail(record, actor, eventAccount, providers) };
    }

    private static (string Name, string? PrincipalArn, string? Session) AssumedRole(UserIdentity ui)
    {
        // The role comes from sessionIssuer (AWS-set) or the assumed-role ARN's role segment (AWS-set too);
        // the session name is chosen by whoever called AssumeRole, so it is shown but never identifies.
        var role = ui.SessionIssuer?.Arn ?? ArnParts.RoleFromAssumedRole(ui.Arn);
        var session = ArnParts.LastSegment(ui.Arn) ?? ArnParts.LastSegment(ui.PrincipalId, ':');
        var roleName = ui.SessionIssuer?.UserName ?? ArnParts.LastSegment(role) ?? "unknown role";
        return ($"role {roleName} (session {session ?? "unknown"})", role, session);
    }

    private static string? RootArn(string? account, string? arn) =>
        account is null ? null : $"arn:{ArnParts.Partition(arn)}:iam::{account}:root";

    private static string? SamlProvider(CloudTrailRecord record)
    {
        if (record.EventName == AssumeRoleWithSaml && record.RequestParameters is { } request)
        {
            return JsonRead.Str(request, "principalArn");
        }

        return record.AdditionalEventData is { } data ? JsonRead.Str(data, "SamlProviderArn") : null;
    }

    private static MfaStatus Mfa(CloudTrailRecord record, string type)
    {
        var federated = type is SamlUser or "IdentityCenterUser" or WebIdentityUser
            || (type == "AssumedRole" && IsFederatedSession(record))
            || (record.AdditionalEventData is { } d && JsonRead.Str(d, "SamlProviderArn") is not null);

        if (record.EventName == ConsoleLogin && record.AdditionalEventData is { } data && JsonRead.Bool(data, "MFAUsed") is { } used)
        {
            // A federated sign-in's MFA happens at the identity provider; CloudTrail still records MFAUsed: No.
            return used ? MfaStatus.Used : federated ? MfaStatus.IdentityProvider : MfaStatus.NotUsed;
        }

        return record.UserIdentity?.MfaAuthenticated switch
        {
            true => MfaStatus.Used,
            _ when federated => MfaStatus.IdentityProvider,
            false => MfaStatus.NotUsed,
            null => MfaStatus.Unknown,
        };
    }

    /// <summary>
    /// Whether "no MFA" is a fact about a person: the root user, an IAM user, a console sign-in, or a call made with a
    /// console session's credentials. A role session outside the console (a Lambda function's or an instance's role, a
    /// pipeline's) cannot carry MFA of its own, so saying "without MFA" there would be noise that hides the real case.
    /// Decided on fields AWS sets only: the user agent is the caller's choice, and a stolen key must not be able to
    /// turn "WITHOUT MFA" off by calling itself Terraform.
    /// </summary>
    private static bool MfaApplies(CloudTrailRecord record, string type) =>
        type is "Root" or "IAMUser"
        || record.EventName == ConsoleLogin
        || record.SessionCredentialFromConsole == true;

    private static bool IsFederatedSession(CloudTrailRecord record)
    {
        // IAM Identity Center creates its permission-set roles (AWSReservedSSO_<set>_<hash>) under the path
        // /aws-reserved/sso.amazonaws.com/, which only the service writes to. The name alone is anyone's to choose with
        // iam:CreateRole, and would turn a console session's "WITHOUT MFA" into "MFA at the identity provider".
        var arn = record.UserIdentity?.SessionIssuer?.Arn;
        if (arn is null || ArnParts.LastSegment(arn) is not { } role || !role.StartsWith("AWSReservedSSO_", StringComparison.Ordinal))
        {
            return false;
        }

        var at = arn.IndexOf(":role/", StringComparison.Ordinal);
        return at >= 0 && arn.AsSpan(at + ":role".Length).StartsWith(IdentityCenterRolePath, StringComparison.Ordinal);
    }
}
