using Amazon.CDK;

namespace GuardAlerts.Cdk;

/// <summary>The regional stack a <see cref="GlobalEventsStack"/> forwards to.</summary>
internal sealed class GlobalEventsStackProps : StackProps
{
    public required string RegionalStackName { get; init; }

    public required string TargetRegion { get; init; }
}
