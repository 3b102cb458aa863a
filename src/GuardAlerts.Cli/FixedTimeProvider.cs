namespace GuardAlerts.Cli;

/// <summary>The clock for --now: a replay "as of" a moment (exemption expiry, ledger leases).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
