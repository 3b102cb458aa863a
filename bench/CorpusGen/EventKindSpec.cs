namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// An event the corpus draws from: its name, service, weight and what kind of call it is; <paramref name="Variant"/>
/// picks a request shape ("decrypted": SSM WithDecryption true; "failed": a refused console sign-in).
/// </summary>
internal sealed record EventKindSpec(string Name, string Source, int Weight, bool ReadOnly, bool Data, bool Risky, string? Variant = null);
