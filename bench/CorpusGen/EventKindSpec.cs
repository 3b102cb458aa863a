namespace GuardAlerts.Bench.CorpusGen;

/// <summary>An event the corpus draws from: its name, service, weight and what kind of call it is.</summary>
internal sealed record EventKindSpec(string Name, string Source, int Weight, bool ReadOnly, bool Data, bool Risky);
