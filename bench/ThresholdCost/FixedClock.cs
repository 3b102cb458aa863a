namespace GuardAlerts.Bench.ThresholdCost;

/// <summary>A clock stopped at the corpus's next day: windows are retained for the whole run.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
