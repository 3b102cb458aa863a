namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// One call of the day that a deployed rule delivers to the function: when, in which region, which call, and who
/// makes it ("ci": the account's deploy role through Terraform; "person": a console user's Identity Center session).
/// <paramref name="Kind"/> names the reason it is in the day (bench/README.md).
/// </summary>
internal sealed record RiskyCall(DateTime Time, string Region, EventKindSpec Spec, string Actor, string Kind);
