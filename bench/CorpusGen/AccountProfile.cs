namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// What a kind of member account does in a day (bench/README.md states where each figure comes from): how many
/// management events its trail records, how often CI applies infrastructure changes, how many people sign in to the
/// console, how often a person changes IAM by hand and how many GuardDuty findings it raises.
/// </summary>
internal sealed record AccountProfile(
    string Name,
    double Share,
    int EventsPerDay,
    double AppliesPerDay,
    int People,
    double SignInsPerPerson,
    double IamChangesPerDay,
    double FindingsPerDay)
{
    public static readonly AccountProfile Production = new("production", 0.2, 30_000, 3, 4, 1.5, 0.1, 0.2);

    public static readonly AccountProfile NonProduction = new("non-production", 0.3, 8_000, 6, 6, 1.5, 0.2, 0.1);

    public static readonly AccountProfile Sandbox = new("sandbox", 0.5, 1_500, 0.5, 1, 1.0, 0.3, 0.05);

    public static readonly AccountProfile[] All = [Production, NonProduction, Sandbox];
}
