using GuardAlerts.Core.Kinds.Canary;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Kinds.GuardDuty;

namespace GuardAlerts.Core.Kinds;

/// <summary>The one registration of event kinds: adding a kind is a folder under Kinds/ and a line here.</summary>
public static class EventKinds
{
    /// <summary>
    /// Every kind, in the order a value without an envelope is tried against their shapes (a CloudTrail record before
    /// a finding: a record may have a <c>type</c> field of its own).
    /// </summary>
    public static IReadOnlyList<EventKindDescriptor> All { get; } = [CloudTrailKind.Instance, GuardDutyKind.Instance, CanaryKind.Instance];

    private static readonly EventKindDescriptor[] ByKind = Index();

    /// <summary>The descriptor of a kind.</summary>
    public static EventKindDescriptor Of(EventKind kind) => ByKind[(int)kind];

    /// <summary>The kind whose <see cref="EventKindDescriptor.Name"/> is <paramref name="name"/>, or null.</summary>
    public static EventKindDescriptor? Named(string? name) => All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));

    /// <summary>The detail-types of every kind but the heartbeat, in <see cref="EventKind"/> order: what an error lists as accepted.</summary>
    public static IReadOnlyList<string> AcceptedDetailTypes { get; } = [.. ByKind.Where(k => !k.IsHeartbeat).SelectMany(k => k.DetailTypes)];

    /// <summary>The kind an EventBridge detail-type carries, or null.</summary>
    public static EventKindDescriptor? ForDetailType(string? detailType) =>
        All.FirstOrDefault(k => k.DetailTypes.Contains(detailType, StringComparer.Ordinal));

    private static EventKindDescriptor[] Index()
    {
        var byKind = new EventKindDescriptor[All.Count];
        foreach (var kind in All)
        {
            byKind[(int)kind.Kind] = kind;
        }

        return byKind;
    }
}
