namespace GuardAlerts.Cli.Coverage;

/// <summary>docs/coverage.json: the Stratus Red Team techniques and the known gaps, the data behind docs/coverage.md.</summary>
internal sealed record CoverageCatalog(IReadOnlyList<StratusTechnique> Techniques, IReadOnlyList<KnownGap> Gaps)
{
    /// <summary>The catalog file's name in docs/ and in the embedded defaults.</summary>
    public const string FileName = "coverage.json";
}
