using GuardAlerts.Core.Attribution;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>Actor attribution for GuardDuty findings: the principal whose credentials were used, or the remote host.</summary>
internal static class GuardDutyActors
{
    public static Actor Attribute(GuardDutyFinding finding, IReadOnlyList<ManagedProviderProfile> providers)
    {
        var key = finding.AccessKey;
        var partition = finding.Partition ?? "aws";
        var remote = finding.RemoteIp is null
            ? null
            : finding.RemoteCountry is null ? $"remote host {finding.RemoteIp}" : $"remote host {finding.RemoteIp} ({finding.RemoteCountry})";

        if (key is null || (key.UserName is null && key.PrincipalId is null))
        {
            return new Actor
            {
                IdentityType = "Unknown",
                Name = remote ?? "unknown actor",
                SourceIp = finding.RemoteIp,
                UserAgent = finding.UserAgent,
                Client = UserAgentClassifier.Classify(finding.UserAgent),
            };
        }

        var type = key.UserType ?? "Unknown";
        // GuardDuty names the IAM entity without its path; the ARN built here matches exemptions written without one.
        var principalArn = (type, finding.AccountId, key.UserName) switch
        {
            ("Root", { } account, _) => $"arn:{partition}:iam::{account}:root",
            ("IAMUser", { } account, { } user) => $"arn:{partition}:iam::{account}:user/{user}",
            ("AssumedRole", { } account, { } role) => $"arn:{partition}:iam::{account}:role/{role}",
            _ => null,
        };
        var session = type == "AssumedRole" ? ArnParts.LastSegment(key.PrincipalId, ':') : null;
        var name = type switch
        {
            "Root" => "root",
            "AssumedRole" => $"role {key.UserName} (session {session ?? "unknown"})",
            _ => key.UserName ?? key.PrincipalId ?? "unknown principal",
        };

        return new Actor
        {
            IdentityType = type,
            Name = name,
            PrincipalArn = principalArn,
            SessionName = session,
            PrincipalId = key.PrincipalId,
            AccountId = finding.AccountId,
            AccessKeyId = key.AccessKeyId,
            SourceIp = finding.RemoteIp,
            UserAgent = finding.UserAgent,
            Client = UserAgentClassifier.Classify(finding.UserAgent),
            Label = ProviderLabels.ForGuardDuty(type, key.UserName, session, finding.AccountId, providers),
        };
    }
}
