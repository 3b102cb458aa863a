namespace GuardAlerts.Cdk.Configuration;

/// <summary>The three shapes of a deployment (`-c deployment=...`).</summary>
internal enum DeploymentMode
{
    /// <summary>One account: the whole pipeline reads the account's own events (the default).</summary>
    Standalone,

    /// <summary>The whole pipeline, plus an event bus the organization's members forward their events to.</summary>
    Central,

    /// <summary>Rules that forward the account's events to the central bus, and nothing that alerts by itself.</summary>
    Member,
}
