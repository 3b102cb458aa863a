using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing.Ledger;

namespace GuardAlerts.Core.Tests.Pipeline;

/// <summary>The ledger contract on the in-memory ledger (replays and tests).</summary>
public sealed class InMemoryAlertLedgerContractTests : AlertLedgerContractTests
{
    protected override Task<IAlertLedger> CreateLedgerAsync() => Task.FromResult<IAlertLedger>(new InMemoryAlertLedger(Lease));
}
