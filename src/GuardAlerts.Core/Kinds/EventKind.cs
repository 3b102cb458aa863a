namespace GuardAlerts.Core.Kinds;

/// <summary>The two families of events the pipeline decides on.</summary>
public enum EventKind
{
    /// <summary>An Amazon GuardDuty finding.</summary>
    GuardDuty,
    /// <summary>A CloudTrail management event (API call or console sign-in).</summary>
    CloudTrail,
    /// <summary>The deployed stack's hourly heartbeat: proves the whole pipeline, up to publishing, still works.</summary>
    Canary,
}
