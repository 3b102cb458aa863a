using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>
/// CloudTrail's dedup key: account + region + rule + eventName + outcome (success, or the error) + principal + session
/// identity (<see cref="DedupIdentity"/>) + target + severity + dedup window, so a true repeat (same action, session,
/// target and outcome) is one alert per window; with a zero window, the event id (EventBridge delivers at least once).
/// </summary>
public static class CloudTrailDedupKey
{
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

    internal static DedupKey Build(CloudTrailEvent e, RiskRule rule, Actor actor, Severity severity) =>
        rule.DedupWindow > TimeSpan.Zero
            ? WindowKey(e, rule, actor, severity)
            : new DedupKey(DedupKeyBuilder.Bound($"ct#{e.Account ?? "-"}#{e.Record.EventId ?? e.Id}"), DedupKeyBuilder.RedeliveryMargin);

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

    private static DedupKey WindowKey(CloudTrailEvent e, RiskRule rule, Actor actor, Severity severity)
    {
        var window = rule.DedupWindow;
        var time = e.Time!.Value.ToUnixTimeSeconds();
        var bucket = time - (time % (long)window.TotalSeconds);
        var key = $"ct#{DedupKeyBuilder.Escape(e.Account ?? "-")}#{DedupKeyBuilder.Escape(e.Region ?? "-")}#{rule.Id}#{DedupKeyBuilder.Escape(e.Name)}#{DedupIdentity.Outcome(e.Record)}"
            + $"#{DedupKeyBuilder.Escape(actor.DedupPrincipal)}#{DedupIdentity.Session(e.Record, actor)}#{DedupKeyBuilder.Escape(Target(e, rule))}"
            + $"#{severity.Name()}#{bucket}";
        return new DedupKey(DedupKeyBuilder.Bound(key), window + DedupKeyBuilder.RedeliveryMargin);
    }
}
