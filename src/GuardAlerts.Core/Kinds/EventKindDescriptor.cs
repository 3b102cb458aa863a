using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds;

/// <summary>
/// Everything the pipeline does differently for one kind of event, in one place: how it is recognised and parsed,
/// who did it, which rules it meets, what makes two of them the same alert, and how it is shown. The pipeline, the
/// renderer, the exemption list and the composition roots ask the event's descriptor (<see cref="EventKinds.Of"/>)
/// instead of switching on the event's type, so a new kind is a new folder under Kinds/ and one line in
/// <see cref="EventKinds"/>.
/// </summary>
public abstract class EventKindDescriptor
{
    // The envelope fields that say where the event happened: a repaired one makes the detail's identity untrusted.
    private static readonly string[] EnvelopeIdentity = ["account", "region"];

    /// <summary>Reads one kind's detail (or bare value) into its event.</summary>
    private protected delegate ParsedEvent DetailParser(JsonElement detail, Envelope? envelope, FieldRepairs repairs);

    /// <summary>The kind this descriptor describes.</summary>
    public abstract EventKind Kind { get; }

    /// <summary>
    /// The kind's name on every wire: JSON Lines and log lines (<c>kind</c>), the SNS message attribute <c>kind</c>,
    /// and for the kinds a function serves, that function's handler name.
    /// </summary>
    public abstract string Name { get; }

    /// <summary>How a reason names one event of this kind ("CloudTrail event", "GuardDuty finding").</summary>
    public abstract string Noun { get; }

    /// <summary>
    /// The stack's own heartbeat rather than an event about an account: its built-in rule decides it (never exempted,
    /// never below the minimum), only the deployed functions process it, metrics count it apart, and errors that list
    /// the accepted detail-types leave it out.
    /// </summary>
    public virtual bool IsHeartbeat => false;

    /// <summary>The EventBridge detail-types that carry this kind.</summary>
    public abstract IReadOnlyList<string> DetailTypes { get; }

    /// <summary>The exemption field that names this kind's events (<c>eventNames</c>, <c>findingTypes</c>).</summary>
    public virtual string ExemptionNameField => "eventNames";

    /// <summary>
    /// Whether an exemption must name this kind's events to apply (GuardDuty: an exemption written for a principal's
    /// routine calls must not silence a finding about that principal's credentials).
    /// </summary>
    public virtual bool ExemptedOnlyByName => false;

    /// <summary>Reads the kind's event out of an EventBridge envelope whose detail-type is one of <see cref="DetailTypes"/>.</summary>
    internal abstract ParsedEvent ParseEnvelope(JsonElement root, Envelope envelope, FieldRepairs repairs);

    /// <summary>Reads the envelope's detail object with <paramref name="parse"/> (rejected when there is none).</summary>
    private protected ParsedEvent FromDetail(JsonElement root, Envelope envelope, FieldRepairs repairs, DetailParser parse)
    {
        if (JsonRead.Obj(root, "detail") is not { } detail)
        {
            return ParsedEvent.Rejected("detail is missing or not an object", envelope.Id, Kind, account: envelope.Account, region: envelope.Region);
        }

        return parse(detail, envelope, repairs.Under("detail", identity: repairs.FirstOf(EnvelopeIdentity) is not null));
    }

    /// <summary>Reads a value without an envelope when it has this kind's shape; null when it does not.</summary>
    internal virtual ParsedEvent? ParseBare(JsonElement root, ReadOnlySpan<JsonElement> shape, FieldRepairs repairs) => null;

    /// <summary>The actor of one event of this kind.</summary>
    internal abstract Actor Attribute(SecurityEvent e, IReadOnlyList<ManagedProviderProfile> providers);

    /// <summary>The first rule of the table matching the event, or null.</summary>
    internal virtual RuleMatch? Match(RiskTable table, SecurityEvent e) => null;

    /// <summary>Why an event no rule matches is ignored.</summary>
    internal virtual string IgnoredReason(RiskTable table, SecurityEvent e) => NoRuleReason(e.Name);

    /// <summary>"no risk-table rule matches CloudTrail event 'X'": the name made one clean line (it is printed and logged).</summary>
    public string NoRuleReason(string name) => $"no risk-table rule matches {Noun} '{Text.TextSanitizer.ToSingleLine(name, 256)}'";

    /// <summary>The dedup key of an event that matched <paramref name="match"/>, sent at <paramref name="severity"/>.</summary>
    internal abstract DedupKey DedupKey(SecurityEvent e, RuleMatch match, Actor actor, Severity severity);

    /// <summary>Whether the event says it is a sample, not real activity (the alert says so).</summary>
    internal virtual bool IsSample(SecurityEvent e) => false;

    /// <summary>Message attributes beyond the ones every alert carries.</summary>
    internal virtual IEnumerable<KeyValuePair<string, string>> ExtraAttributes(SecurityEvent e) => [];

    /// <summary>The alert's "What:" line.</summary>
    internal virtual StringBuilder AppendWhat(StringBuilder b, AlertContext c) => b.Append(AlertRenderer.Clean(c.Event.Name));

    /// <summary>The AWS partition of the event, for console links.</summary>
    internal virtual string? Partition(SecurityEvent e) => ConsoleLinks.PartitionOfRegion(e.Region);

    /// <summary>Appends the console path (after the host) that shows the event; nothing when there is none.</summary>
    internal virtual StringBuilder AppendConsolePath(StringBuilder b, SecurityEvent e, string region) => b;

    /// <summary>
    /// Why the function named <paramref name="function"/> must not process this event (another function's event, or a
    /// heartbeat meant for another function); null when it is this function's to decide.
    /// </summary>
    public virtual string? Misrouted(SecurityEvent e, string function) =>
        string.Equals(Name, function, StringComparison.Ordinal)
            ? null
            : $"the {function} function received a {Name} event ('{e.Name}', id {e.Id}): check the EventBridge rule that targets it";
}
