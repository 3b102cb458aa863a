namespace GuardAlerts.Benchmarks;

/// <summary>A clock stopped at one moment.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
