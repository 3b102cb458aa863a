using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>CloudTrail management events: API calls, console sign-ins and actions, AWS service events.</summary>
public sealed class CloudTrailKind : EventKindDescriptor
{
    public const string ApiCallDetailType = "AWS API Call via CloudTrail";
    public const string SignInDetailType = "AWS Console Sign In via CloudTrail";

    private CloudTrailKind()
    {
    }

    /// <summary>The one instance, registered in <see cref="EventKinds"/>.</summary>
    public static CloudTrailKind Instance { get; } = new();

    /// <inheritdoc />
    public override EventKind Kind => EventKind.CloudTrail;

    /// <inheritdoc />
    public override string Name => "cloudtrail";

    /// <inheritdoc />
    public override string Noun => "CloudTrail event";

    /// <inheritdoc />
    public override IReadOnlyList<string> DetailTypes { get; } = [ApiCallDetailType, SignInDetailType];

    internal override ParsedEvent ParseEnvelope(JsonElement root, Envelope envelope, FieldRepairs repairs) =>
        FromDetail(root, envelope, repairs, CloudTrailParser.Parse);

    // A bare record: a log file's record, or a record pasted on its own (an envelope was recognised before).
    internal override ParsedEvent? ParseBare(JsonElement root, ReadOnlySpan<JsonElement> shape, FieldRepairs repairs) =>
        JsonRead.Present(shape[EventParser.EventNameShape]) is not null || JsonRead.Present(shape[EventParser.EventSourceShape]) is not null
            ? CloudTrailParser.Parse(root, envelope: null, repairs)
            : null;

    internal override Actor Attribute(SecurityEvent e, IReadOnlyList<ManagedProviderProfile> providers)
    {
        var ct = (CloudTrailEvent)e;
        return CloudTrailActors.Attribute(ct.Record, ct.Account ?? ct.Record.RecipientAccountId, providers);
    }

    internal override RuleMatch? Match(RiskTable table, SecurityEvent e) => CloudTrailRuleMatcher.Match(table, (CloudTrailEvent)e);

    // A record of a type rules do not decide says so, when its eventName is one a rule covers; otherwise the plain
    // reason, which the replay's fast path reaches too for the records it decides without the event model.
    internal override string IgnoredReason(RiskTable table, SecurityEvent e) =>
        (table.CoversEventName(e.Name) ? CloudTrailEventTypes.IgnoredReason(((CloudTrailEvent)e).Record) : null) ?? NoRuleReason(e.Name);

    internal override DedupKey DedupKey(SecurityEvent e, RuleMatch match, Actor actor, Severity severity) =>
        CloudTrailDedupKey.Build((CloudTrailEvent)e, match.Rule, actor, severity);

    internal override StringBuilder AppendWhat(StringBuilder b, AlertContext c)
    {
        var ct = (CloudTrailEvent)c.Event;
        b.Append(AlertRenderer.Clean(ct.Name)).Append(" on ").Append(AlertRenderer.Clean(ct.Record.EventSource ?? "unknown service"))
            .Append(", target ").Append(AlertRenderer.Clean(CloudTrailDedupKey.Target(ct, c.Match.Rule)));
        return ct.Record.ErrorCode is { } error ? b.Append(", FAILED with ").Append(AlertRenderer.Clean(error)) : b;
    }

    // The caller's ARN names the partition; without one, the region's prefix does.
    internal override string? Partition(SecurityEvent e) =>
        e is CloudTrailEvent { Record.UserIdentity.Arn: { } arn } && arn.StartsWith("arn:", StringComparison.Ordinal)
            ? ArnParts.Partition(arn)
            : base.Partition(e);

    internal override StringBuilder AppendConsolePath(StringBuilder b, SecurityEvent e, string region) =>
        b.Append("/cloudtrailv2/home?region=").Append(region).Append("#/events/").Append(Uri.EscapeDataString(((CloudTrailEvent)e).Record.EventId ?? e.Id));
}
