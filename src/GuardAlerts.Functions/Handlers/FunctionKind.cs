using GuardAlerts.Core.Events;

namespace GuardAlerts.Functions.Handlers;

/// <summary>Which function this process serves, from _HANDLER: "guardduty" or "cloudtrail".</summary>
internal static class FunctionKind
{
    public const string GuardDuty = "guardduty";
    public const string CloudTrail = "cloudtrail";

    public static EventKind? Parse(string? handler) => handler?.Trim().ToLowerInvariant() switch
    {
        GuardDuty => EventKind.GuardDuty,
        CloudTrail => EventKind.CloudTrail,
        _ => null,
    };

    public static string Name(EventKind kind) => kind == EventKind.GuardDuty ? GuardDuty : CloudTrail;
}
