using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Attribution;

/// <summary>Attributes an event to an actor: who did it, how, from where.</summary>
public sealed class ActorAttributor
{
    private readonly ManagedProviderProfile[] _providers;

    /// <summary>
    /// Creates an attributor that labels the given managed providers' actors (config/providers.json); with none, no
    /// provider labels are given.
    /// </summary>
    public ActorAttributor(params IEnumerable<ManagedProviderProfile> providers) => _providers = [.. providers];

    /// <summary>The actor of any event.</summary>
    public Actor Attribute(SecurityEvent e) => e switch
    {
        CloudTrailEvent ct => CloudTrailActors.Attribute(ct.Record, ct.Account ?? ct.Record.RecipientAccountId, _providers),
        GuardDutyEvent gd => GuardDutyActors.Attribute(gd.Finding, _providers),
        CanaryEvent => new Actor { IdentityType = "AWSService", Name = "GuardAlerts heartbeat (EventBridge schedule)", Client = ClientKind.AwsService },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "unsupported event type"),
    };
}
