using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds.Canary;

/// <summary>The deployed stack's hourly heartbeat (<see cref="CanaryEvent"/>).</summary>
public sealed class CanaryKind : EventKindDescriptor
{
    private CanaryKind()
    {
    }

    /// <summary>The one instance, registered in <see cref="EventKinds"/>.</summary>
    public static CanaryKind Instance { get; } = new();

    /// <inheritdoc />
    public override EventKind Kind => EventKind.Canary;

    /// <summary>The message attribute ("true") every canary publication carries: subscriptions and the chat copy leave it out.</summary>
    public const string MessageAttribute = "canary";

    /// <inheritdoc />
    public override string Name => "canary";

    /// <inheritdoc />
    public override string Noun => "heartbeat canary";

    /// <inheritdoc />
    public override bool IsHeartbeat => true;

    /// <inheritdoc />
    public override IReadOnlyList<string> DetailTypes { get; } = [CanaryEvent.DetailType];

    internal override ParsedEvent ParseEnvelope(JsonElement root, Envelope envelope, FieldRepairs repairs)
    {
        // Only our schedule may send it: PutEvents cannot use "aws." sources, and the rule matches this source only.
        if (envelope.Source != CanaryEvent.Source || envelope.Id is null || JsonRead.Obj(root, "detail") is not { } detail
            || JsonRead.Str(detail, "function") is not { Length: > 0 } function)
        {
            return ParsedEvent.Rejected($"a canary needs source '{CanaryEvent.Source}', an id and detail.function", envelope.Id, EventKind.Canary,
                CanaryEvent.DetailType, envelope.Account, envelope.Region);
        }

        return ParsedEvent.Of(new CanaryEvent
        {
            Id = envelope.Id,
            EnvelopeId = envelope.Id,
            Name = CanaryEvent.DetailType,
            Account = envelope.Account,
            Region = envelope.Region,
            Time = envelope.Time,
            Detail = detail,
            Function = function,
        });
    }

    internal override Actor Attribute(SecurityEvent e, IReadOnlyList<ManagedProviderProfile> providers) =>
        new() { IdentityType = "AWSService", Name = "GuardAlerts heartbeat (EventBridge schedule)", Client = ClientKind.AwsService };

    // Not in the risk table: the built-in rule, never exempted, never below the minimum.
    internal override RuleMatch? Match(RiskTable table, SecurityEvent e) => new(CanaryRule.Rule, Severity.Informational, []);

    internal override DedupKey DedupKey(SecurityEvent e, RuleMatch match, Actor actor, Severity severity) =>
        new(DedupKeyBuilder.Bound($"canary#{e.Account ?? "-"}#{((CanaryEvent)e).Function}#{e.Id}"), DedupKeyBuilder.RedeliveryMargin);

    // Every subscription's filter policy drops messages carrying this attribute.
    internal override IEnumerable<KeyValuePair<string, string>> ExtraAttributes(SecurityEvent e) => [new(MessageAttribute, "true")];

    /// <inheritdoc />
    public override string? Misrouted(SecurityEvent e, string function)
    {
        var target = ((CanaryEvent)e).Function;
        return target == function
            ? null
            : $"the {function} function received the heartbeat canary meant for '{target}': check the schedule's target";
    }
}
