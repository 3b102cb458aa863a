namespace GuardAlerts.Aws.Ledger;

/// <summary>What <see cref="LedgerTable.CreateAsync"/> did.</summary>
/// <param name="Created">False when the table already existed.</param>
/// <param name="TimeToLiveEnabled">False when the endpoint does not support TTL (local emulators such as dynalite).</param>
public sealed record TableSetupResult(bool Created, bool TimeToLiveEnabled);
