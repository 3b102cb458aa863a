using System.Text.RegularExpressions;

namespace GuardAlerts.Cdk.Configuration;

/// <summary>The `-c name=value` settings the app reads, in one place.</summary>
internal static partial class ContextKeys
{
    /// <summary>Comma-separated e-mail addresses subscribed to every alert, alarm and self-protection message.</summary>
    public const string AlertEmails = "alertEmails";

    /// <summary>Comma-separated E.164 phone numbers subscribed by SMS, filtered by severity.</summary>
    public const string AlertPhones = "alertPhones";

    /// <summary>The lowest severity sent by SMS (default Critical).</summary>
    public const string SmsMinSeverity = "smsMinSeverity";

    /// <summary>"true": create a multi-region CloudTrail trail (for an account that has none), in the trail region's stack.</summary>
    public const string CreateTrail = "createTrail";

    /// <summary>The region whose stack creates the trail with createTrail=true (default us-east-1).</summary>
    public const string TrailRegion = "trailRegion";

    /// <summary>Comma-separated regions: one stack each (default: one stack in the CLI profile's region).</summary>
    public const string Regions = "regions";

    /// <summary>
    /// "true": deploy even though some alerts have no subscriber (someone subscribes later): no e-mail address and no
    /// phone number at all, or phones without e-mail, whose SMS leave the alerts below smsMinSeverity to nobody.
    /// </summary>
    public const string AllowNoSubscribers = "allowNoSubscribers";

    /// <summary>
    /// "true": deploy the threshold rules that count read-only calls (secrets and decrypted parameters read, password
    /// and user data, refused calls). Their EventBridge rules need every management event, and applications make
    /// such calls constantly: see docs/deploy.md for what they cost. Default false: those rules are not deployed.
    /// </summary>
    public const string CountReadOnlyCalls = "countReadOnlyCalls";

    /// <summary>The Slack workspace (team) id of the chat channel, e.g. T0123ABCD; with slackChannelId.</summary>
    public const string SlackWorkspaceId = "slackWorkspaceId";

    /// <summary>The Slack channel id, e.g. C0123ABCD; with slackWorkspaceId.</summary>
    public const string SlackChannelId = "slackChannelId";

    /// <summary>The Microsoft Teams tenant id (a GUID); with teamsTeamId and teamsChannelId.</summary>
    public const string TeamsTenantId = "teamsTenantId";

    /// <summary>The Microsoft Teams team id (a GUID); with teamsTenantId and teamsChannelId.</summary>
    public const string TeamsTeamId = "teamsTeamId";

    /// <summary>The Microsoft Teams channel id (from the channel's link, URL-encoded: 19%3a...%40thread.tacv2).</summary>
    public const string TeamsChannelId = "teamsChannelId";

    /// <summary>standalone (default), central or member: how the deployment fits an organization (docs/organizations.md).</summary>
    public const string Deployment = "deployment";

    /// <summary>Central: the organization (o-...) whose accounts may put events on the central bus.</summary>
    public const string OrganizationId = "organizationId";

    /// <summary>Central: comma-separated account ids that may put events on the central bus (instead of an organization).</summary>
    public const string MemberAccounts = "memberAccounts";

    /// <summary>Member: the central stack's CentralBusArn output, the bus the member forwards to.</summary>
    public const string CentralBusArn = "centralBusArn";

    /// <summary>Member: "true" forwards GuardDuty findings too (an account whose GuardDuty has no delegated administrator).</summary>
    public const string ForwardGuardDuty = "forwardGuardDuty";

    /// <summary>Central: comma-separated regions every member account should send heartbeats from (default: the stack's regions).</summary>
    public const string MemberRegions = "memberRegions";

    /// <summary>Standalone or central: "111122223333=prod,444455556666=staging-eu", the names alerts give accounts beside their ids.</summary>
    public const string AccountNames = "accountNames";

    /// <summary>Every key the app reads.</summary>
    public static readonly IReadOnlyList<string> Known = [AlertEmails, AlertPhones, SmsMinSeverity, CreateTrail, TrailRegion, Regions, AllowNoSubscribers, CountReadOnlyCalls,
        SlackWorkspaceId, SlackChannelId, TeamsTenantId, TeamsTeamId, TeamsChannelId, Deployment, OrganizationId, MemberAccounts, CentralBusArn, ForwardGuardDuty,
        MemberRegions, AccountNames];

    /// <summary>
    /// Whether a context key is in the app's own namespace: plain camelCase names. The CDK's own keys always carry a
    /// separator ("@aws-cdk/core:...", "aws:cdk:...", "cdk-...", "availability-zones:...", "acknowledged-issue-numbers").
    /// </summary>
    public static bool IsAppKey(string key) => AppKeyPattern().IsMatch(key);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex AppKeyPattern();
}
