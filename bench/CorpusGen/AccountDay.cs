namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// The plan of one account's day, decided before a byte is written (so tests can check the mix of a thousand accounts
/// without writing them): per region and hour, how many regional and how many global-service noise events; the
/// risky calls; the GuardDuty findings.
/// </summary>
internal sealed record AccountDay(
    OrgAccount Account,
    IReadOnlyDictionary<string, int[]> RegionalNoise,
    IReadOnlyDictionary<string, int[]> GlobalNoise,
    IReadOnlyList<RiskyCall> Risky,
    IReadOnlyList<GuardDutyFindingPlan> Findings)
{
    public long NoiseEvents => RegionalNoise.Values.Sum(h => (long)h.Sum()) + GlobalNoise.Values.Sum(h => (long)h.Sum());

    public long CloudTrailEvents => NoiseEvents + Risky.Count;
}
