namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>One replay run's exit code, JSON Lines records and stderr.</summary>
internal sealed record ReplayRun(int ExitCode, List<(string Outcome, string? DedupKey, string? Reason)> Records, string Stderr)
{
    /// <summary>Events the run could not process (reported on stderr, exit 1).</summary>
    public int Failed => Stderr.Split('\n').Count(l => l.Contains("not processed", StringComparison.Ordinal));

    /// <summary>Duplicates whose claim is held but unconfirmed: another run is sending them, or died doing so.</summary>
    public int PendingClaims => Records.Count(r => r.Outcome == "duplicate" && (r.Reason?.Contains("claim pending", StringComparison.Ordinal) ?? false));

    public override string ToString() =>
        $"exit {ExitCode}, {FaultRig.AlertKeys(Records).Count()} alerts, {Failed} failed, {PendingClaims} pending claims";
}
