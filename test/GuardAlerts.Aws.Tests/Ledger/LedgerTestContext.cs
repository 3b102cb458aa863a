using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Ledger;

/// <summary>A ledger on its own fresh dynalite table, a fake clock and a request counter.</summary>
public sealed class LedgerTestContext : IDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private LedgerTestContext(AmazonDynamoDBClient client, string table, FakeTimeProvider clock, RequestCounter counter)
    {
        Client = client;
        Table = table;
        Clock = clock;
        Counter = counter;
        Ledger = new DynamoDbAlertLedger(client, table, Lease, clock);
    }

    public AmazonDynamoDBClient Client { get; }

    public string Table { get; }

    public FakeTimeProvider Clock { get; }

    public RequestCounter Counter { get; }

    public DynamoDbAlertLedger Ledger { get; }

    public static async Task<LedgerTestContext> CreateAsync(DynaliteFixture dynalite)
    {
        var counter = new RequestCounter();
        var client = dynalite.CreateClient(counter);
        var table = await dynalite.CreateTableAsync(client);
        counter.Reset();
        return new LedgerTestContext(client, table, new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)), counter);
    }

    public ClaimRequest Request(string key) => new(key, Clock.GetUtcNow(), Clock.GetUtcNow() + Retention);

    public ValueTask<LedgerClaim> ClaimAsync(string key) => Ledger.ClaimAsync(Request(key), CancellationToken.None);

    public async Task<Dictionary<string, AttributeValue>?> ItemAsync(string key)
    {
        var response = await Client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new() { ["pk"] = new AttributeValue { S = key } },
            ConsistentRead = true,
        });
        return response.IsItemSet ? response.Item : null;
    }

    public void Dispose() => Client.Dispose();
}
