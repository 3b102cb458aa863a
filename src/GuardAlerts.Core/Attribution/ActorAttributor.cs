using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;

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
    public Actor Attribute(SecurityEvent e) => EventKinds.Of(e.Kind).Attribute(e, _providers);
}
