namespace GuardAlerts.Testing.Ledger;

/// <summary>A clock that moves only when a test moves it (the Testing project does without FakeTimeProvider).</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The time it shows.</summary>
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
