using GuardAlerts.Core.Kinds;

namespace GuardAlerts.Functions.Handlers;

/// <summary>Which function this process serves, from _HANDLER: the name of a registered event kind other than the heartbeat.</summary>
internal static class FunctionKind
{
    /// <summary>The handler names a function may have, in <see cref="EventKind"/> order ("guardduty", "cloudtrail").</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. Enum.GetValues<EventKind>().Select(EventKinds.Of).Where(k => !k.IsHeartbeat).Select(k => k.Name)];

    public static EventKind? Parse(string? handler) =>
        EventKinds.Named(handler?.Trim().ToLowerInvariant()) is { IsHeartbeat: false } kind ? kind.Kind : null;

    public static string Name(EventKind kind) => EventKinds.Of(kind).Name;
}
