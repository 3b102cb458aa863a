using System.Globalization;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>Amazon GuardDuty findings.</summary>
public sealed class GuardDutyKind : EventKindDescriptor
{
    public const string DetailType = "GuardDuty Finding";

    private GuardDutyKind()
    {
    }

    /// <summary>The one instance, registered in <see cref="EventKinds"/>.</summary>
    public static GuardDutyKind Instance { get; } = new();

    /// <inheritdoc />
    public override EventKind Kind => EventKind.GuardDuty;

    /// <inheritdoc />
    public override string Name => "guardduty";

    /// <inheritdoc />
    public override string Noun => "GuardDuty finding";

    /// <inheritdoc />
    public override IReadOnlyList<string> DetailTypes { get; } = [DetailType];

    /// <inheritdoc />
    public override string ExemptionNameField => "findingTypes";

    /// <inheritdoc />
    public override bool ExemptedOnlyByName => true;

    internal override ParsedEvent ParseEnvelope(JsonElement root, Envelope envelope, FieldRepairs repairs) =>
        FromDetail(root, envelope, repairs, GuardDutyParser.Parse);

    // A bare finding: GetFindings output (camelCase) or boto3's (PascalCase).
    internal override ParsedEvent? ParseBare(JsonElement root, ReadOnlySpan<JsonElement> shape, FieldRepairs repairs) =>
        JsonRead.PropAnyCase(root, "schemaVersion") is not null && JsonRead.PropAnyCase(root, "type") is not null
            ? GuardDutyParser.Parse(root, envelope: null, repairs)
            : null;

    internal override Actor Attribute(SecurityEvent e, IReadOnlyList<ManagedProviderProfile> providers) =>
        GuardDutyActors.Attribute(((GuardDutyEvent)e).Finding, providers);

    internal override RuleMatch? Match(RiskTable table, SecurityEvent e) => GuardDutyRuleMatcher.Match(table, (GuardDutyEvent)e);

    // Account + region + finding id + severity: GuardDuty updates a finding in place, and a new band is a new alert;
    // each region has its own detector, so a finding there is never a duplicate of another region's.
    internal override DedupKey DedupKey(SecurityEvent e, RuleMatch match, Actor actor, Severity severity)
    {
        var key = $"gd#{DedupKeyBuilder.Escape(e.Account ?? "-")}#{DedupKeyBuilder.Escape(e.Region ?? "-")}#{DedupKeyBuilder.Escape(((GuardDutyEvent)e).Finding.Id)}#{severity.Name()}";
        return new DedupKey(DedupKeyBuilder.Bound(key), DedupKeyBuilder.FindingRetention);
    }

    internal override bool IsSample(SecurityEvent e) => e is GuardDutyEvent { Finding.IsSample: true };

    internal override StringBuilder AppendWhat(StringBuilder b, AlertContext c)
    {
        var finding = ((GuardDutyEvent)c.Event).Finding;
        b.Append("GuardDuty finding ").Append(AlertRenderer.Clean(finding.Type))
            .Append(CultureInfo.InvariantCulture, $" (score {finding.Severity:0.0}");
        if (finding.Count is > 1 and var count)
        {
            // Formatted as the interpolated string did, with the current culture (digits only: count > 1).
            b.Append(", seen ").Append(count.ToString(CultureInfo.CurrentCulture)).Append(" times");
        }

        b.Append(") on ").Append(AlertRenderer.Clean(finding.ResourceSummary ?? "an unknown resource"));
        return finding.Title is { } title ? b.Append(": ").Append(AlertRenderer.Clean(title)) : b;
    }

    internal override string? Partition(SecurityEvent e) => ((GuardDutyEvent)e).Finding.Partition;

    internal override StringBuilder AppendConsolePath(StringBuilder b, SecurityEvent e, string region) =>
        b.Append("/guardduty/home?region=").Append(region).Append("#/findings?macros=current&fId=").Append(Uri.EscapeDataString(((GuardDutyEvent)e).Finding.Id));
}
