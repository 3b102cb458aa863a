using System.Text.Json.Nodes;
using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>A sample as EventBridge delivers it, and what the engine decides when the event reaches its function.</summary>
/// <param name="Source">The file (and corpus record) it came from.</param>
/// <param name="Event">The EventBridge event.</param>
/// <param name="Decision">The pipeline's decision on it.</param>
public sealed record SampleEvent(string Source, JsonObject Event, Decision Decision)
{
    /// <summary>The function (its _HANDLER) that must receive it: "guardduty" or "cloudtrail".</summary>
    public string Handler => GuardAlerts.Core.Kinds.EventKinds.Of(Decision.Kind!.Value).Name;

    /// <summary>Alerts, exemptions, and every event a threshold rule counts (a burst is only found if each of its events arrives).</summary>
    public bool MustBeDelivered => Decision.Outcome is Outcome.Alert or Outcome.Exempted || Decision.Thresholds.Any(t => t.Outcome != Outcome.Exempted);
}
