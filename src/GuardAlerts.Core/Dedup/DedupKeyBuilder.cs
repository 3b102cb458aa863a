using System.Security.Cryptography;
using System.Text;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Dedup;

/// <summary>
/// Builds dedup keys. A key is never coarser than the fact it stands for: a duplicate is the same fact again, never a
/// different or worse one. GuardDuty: account + region + finding id + severity (GuardDuty updates a finding in place;
/// a new band is a new alert). CloudTrail: account + region + rule + eventName + outcome (success, or the error) +
/// principal + session identity (<see cref="DedupIdentity"/>) + target + severity + dedup window, so a true repeat
/// (same action, session, target and outcome) is one alert per window; with a zero window, the event id (EventBridge
/// delivers at least once).
/// </summary>
/// <remarks>
/// The severity is part of every windowed key: an event rated higher than what was already sent for the same fact
/// (a raise condition that now holds, an exemption that expired, a finding's band that rose) has another key, so it
/// always alerts again; the ledger keeps its one-claim-per-key contract.
/// </remarks>
public static class DedupKeyBuilder
{
    /// <summary>GuardDuty findings keep being updated for up to 90 days.</summary>
    public static readonly TimeSpan FindingRetention = TimeSpan.FromDays(90);

    /// <summary>Covers EventBridge's 24-hour retry horizon beyond the window itself.</summary>
    public static readonly TimeSpan RedeliveryMargin = TimeSpan.FromHours(24);

    // DynamoDB allows 2048-byte partition keys; long keys keep a readable prefix and a hash of the whole.
    private const int MaxKeyLength = 512;

    // Request fields that name the resource a risky call acts on, most specific first.
    private static readonly JsonPath[] TargetPaths = Array.ConvertAll(
    [
        "requestParameters.name", "requestParameters.trailName", "requestParameters.detectorId", "requestParameters.groupId",
        "requestParameters.groupName", "requestParameters.bucketName", "requestParameters.userName", "requestParameters.roleName",
        "requestParameters.keyId", "requestParameters.routeTableId", "requestParameters.networkAclId",
        "requestParameters.dBSecurityGroupName", "requestParameters.snapshotId", "requestParameters.imageId",
        "requestParameters.dBSnapshotIdentifier", "requestParameters.dBClusterSnapshotIdentifier", "requestParameters.domainName",
        "requestParameters.configurationRecorderName", "requestParameters.deliveryChannelName", "requestParameters.logGroupName",
        "requestParameters.ipSetId", "requestParameters.threatIntelSetId", "requestParameters.sAMLProviderArn",
        "requestParameters.roleArn", "requestParameters.id", "requestParameters.rule",
    ], p => new JsonPath(p));

    /// <summary>
    /// The key for an event that matched <paramref name="match"/>, to be sent at <paramref name="severity"/> (default:
    /// the match's; the pipeline passes the severity after an exemption's downgrade, the one the alert carries).
    /// </summary>
    public static DedupKey Build(SecurityEvent e, RuleMatch match, Actor actor, Severity? severity = null) => e switch
    {
        GuardDutyEvent gd => FindingKey(gd, severity ?? match.Severity),
        CloudTrailEvent ct when match.Rule.DedupWindow > TimeSpan.Zero => WindowKey(ct, match.Rule, actor, severity ?? match.Severity),
        CloudTrailEvent ct => new DedupKey(Bound($"ct#{ct.Account ?? "-"}#{ct.Record.EventId ?? ct.Id}"), RedeliveryMargin),
        CanaryEvent canary => new DedupKey(Bound($"canary#{canary.Account ?? "-"}#{canary.Function}#{canary.Id}"), RedeliveryMargin),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>The target resource of a CloudTrail event, as used in its dedup key ("-" when none is known).</summary>
    public static string Target(CloudTrailEvent e, RiskRule rule)
    {
        var values = new List<System.Text.Json.JsonElement>();
        if (rule.Target is { } custom)
        {
            custom.Collect(e.Detail, values);
        }

        for (var i = 0; values.Count == 0 && i < TargetPaths.Length; i++)
        {
            TargetPaths[i].Collect(e.Detail, values);
        }

        return values.Count > 0 && JsonRead.ScalarText(values[0]) is { } text ? text : "-";
    }

    private static DedupKey FindingKey(GuardDutyEvent e, Severity severity)
    {
        // The region too: each region has its own detector, and a finding there is never a duplicate of another region's.
        var key = $"gd#{DedupIdentity.Escape(e.Account ?? "-")}#{DedupIdentity.Escape(e.Region ?? "-")}#{DedupIdentity.Escape(e.Finding.Id)}#{severity.Name()}";
        return new DedupKey(Bound(key), FindingRetention);
    }

    private static DedupKey WindowKey(CloudTrailEvent e, RiskRule rule, Actor actor, Severity severity)
    {
        var window = rule.DedupWindow;
        var time = e.Time!.Value.ToUnixTimeSeconds();
        var bucket = time - (time % (long)window.TotalSeconds);
        var key = $"ct#{DedupIdentity.Escape(e.Account ?? "-")}#{DedupIdentity.Escape(e.Region ?? "-")}#{rule.Id}#{DedupIdentity.Escape(e.Name)}#{DedupIdentity.Outcome(e.Record)}"
            + $"#{DedupIdentity.Escape(actor.DedupPrincipal)}#{DedupIdentity.Session(e.Record, actor)}#{DedupIdentity.Escape(Target(e, rule))}"
            + $"#{severity.Name()}#{bucket}";
        return new DedupKey(Bound(key), window + RedeliveryMargin);
    }

    internal static string Bound(string key)
    {
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        // Never keep half of a surrogate pair (an emoji in a target name): a lone surrogate is not valid text, strict
        // UTF-8 encoding fails on it, and the key goes to DynamoDB, JSON Lines and logs as UTF-8.
        var cut = MaxKeyLength - 65;
        if (char.IsHighSurrogate(key[cut - 1]))
        {
            cut--;
        }

        return string.Concat(key.AsSpan(0, cut), "~", hash);
    }
}
