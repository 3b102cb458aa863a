namespace GuardAlerts.Cli.Redrive;

/// <summary>Counts for the closing line and the exit code.</summary>
internal sealed record RedriveSummary(int Received, int Redriven, int Failed, bool DryRun)
{
    public override string ToString() => DryRun
        ? $"redrive (dry run): {Received} messages shown, none processed or deleted"
        : $"redrive: {Received} received, {Redriven} redriven and deleted, {Failed} failed and kept in the queue";
}
