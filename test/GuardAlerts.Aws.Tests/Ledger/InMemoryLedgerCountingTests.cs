using GuardAlerts.Core.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Ledger;

/// <summary>The counting contract on the in-memory ledger (replays and tests).</summary>
public sealed class InMemoryLedgerCountingTests : LedgerCountingContract
{
    protected override Task<IAlertLedger> CreateAsync(FakeTimeProvider clock) => Task.FromResult<IAlertLedger>(new InMemoryAlertLedger());
}
