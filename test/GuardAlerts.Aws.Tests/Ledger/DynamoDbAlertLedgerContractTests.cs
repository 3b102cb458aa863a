using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing.Ledger;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Aws.Tests.Ledger;

/// <summary>The ledger contract on the DynamoDB ledger, against dynalite (a fresh table per test).</summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DynamoDbAlertLedgerContractTests(DynaliteFixture dynalite) : AlertLedgerContractTests, IDisposable
{
    private readonly List<IDisposable> _clients = [];

    protected override async Task<IAlertLedger> CreateLedgerAsync()
    {
        var client = dynalite.CreateClient();
        _clients.Add(client);
        var table = await dynalite.CreateTableAsync(client);
        return new DynamoDbAlertLedger(client, table, Lease, TimeProvider.System);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
