using Amazon.CDK;

namespace GuardAlerts.Cdk;

/// <summary>The plan of a <see cref="GlobalEventsStack"/>: what it forwards, to which regional stack.</summary>
internal sealed class GlobalEventsStackProps : StackProps
{
    public required GlobalEventsPlan Plan { get; init; }
}
