using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Ledger;

/// <summary>The counting contract on the DynamoDB ledger, against dynalite.</summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DynamoDbLedgerCountingTests(DynaliteFixture dynalite) : LedgerCountingContract, IDisposable
{
    private readonly List<IDisposable> _clients = [];

    protected override async Task<IAlertLedger> CreateAsync(FakeTimeProvider clock)
    {
        var client = dynalite.CreateClient(new RequestCounter());
        _clients.Add(client);
        var table = await dynalite.CreateTableAsync(client);
        return new DynamoDbAlertLedger(client, table, LedgerTestContext.Lease, clock);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
