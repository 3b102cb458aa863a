using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Aws.Accounts;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Accounts;
using GuardAlerts.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Accounts;

[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DynamoDbAccountDirectoryTests(DynaliteFixture dynalite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    private static async Task WriteDirectoryAsync(IAmazonDynamoDB client, string table, Dictionary<string, AttributeValue>? names)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = DynamoDbAccountDirectory.ItemKey },
            [DynamoDbAccountDirectory.UpdatedAtAttribute] = new() { N = Start.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        if (names is not null)
        {
            item[DynamoDbAccountDirectory.NamesAttribute] = new() { M = names };
        }

        await client.PutItemAsync(new PutItemRequest { TableName = table, Item = item });
    }

    private static Dictionary<string, AttributeValue> Names(params (string Id, string Name)[] entries) =>
        entries.ToDictionary(e => e.Id, e => new AttributeValue { S = e.Name });

    [Fact]
    public async Task ReadAsync_WhenNoDirectoryItem_ShouldReturnNull()
    {
        using var client = dynalite.CreateClient();
        var table = await dynalite.CreateTableAsync(client);

        var names = await new DynamoDbAccountDirectory(client, table).ReadAsync(CancellationToken.None);

        Assert.Null(names);
    }

    [Fact]
    public async Task ReadAsync_WhenItemHasNames_ShouldReturnTheValidOnes()
    {
        using var client = dynalite.CreateClient();
        var table = await dynalite.CreateTableAsync(client);
        var names = Names(("111122223333", "prod, EU <main>"), ("444455556666", "staging"), ("12345", "short id"), ("777788889999", ""));
        names["222233334444"] = new AttributeValue { N = "5" };
        await WriteDirectoryAsync(client, table, names);

        var read = await new DynamoDbAccountDirectory(client, table).ReadAsync(CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(new Dictionary<string, string> { ["111122223333"] = "prod, EU <main>", ["444455556666"] = "staging" }, read.Names);
    }

    [Fact]
    public async Task ReadAsync_WhenNamesMapIsEmpty_ShouldReturnNoNames()
    {
        using var client = dynalite.CreateClient();
        var table = await dynalite.CreateTableAsync(client);
        await WriteDirectoryAsync(client, table, []);

        var read = await new DynamoDbAccountDirectory(client, table).ReadAsync(CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(0, read.Count);
    }

    [Fact]
    public async Task ReadAsync_WhenItemHasNoNamesAttribute_ShouldThrowNamingIt()
    {
        using var client = dynalite.CreateClient();
        var table = await dynalite.CreateTableAsync(client);
        await WriteDirectoryAsync(client, table, null);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await new DynamoDbAccountDirectory(client, table).ReadAsync(CancellationToken.None));

        Assert.Contains("'names'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_OverDynamoDb_ShouldReadOncePer15MinutesAndSeeRenames()
    {
        var counter = new RequestCounter();
        using var client = dynalite.CreateClient(counter);
        var table = await dynalite.CreateTableAsync(client);
        await WriteDirectoryAsync(client, table, Names(("444455556666", "staging")));
        var clock = new FakeTimeProvider(Start);
        var warnings = new List<string>();
        var cache = new AccountNameCache(AccountNames.Parse("111122223333=prod", "test"), new DynamoDbAccountDirectory(client, table), clock, warnings.Add);
        counter.Reset();

        var first = await cache.NameOfAsync("444455556666", CancellationToken.None);
        await WriteDirectoryAsync(client, table, Names(("444455556666", "staging-eu")));
        counter.Reset();
        clock.Advance(AccountNameCache.RefreshInterval - TimeSpan.FromSeconds(1));
        var cached = await cache.NameOfAsync("444455556666", CancellationToken.None);
        var configured = await cache.NameOfAsync("111122223333", CancellationToken.None);
        var readsWithin = counter.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        var renamed = await cache.NameOfAsync("444455556666", CancellationToken.None);

        Assert.Equal("staging", first);
        Assert.Equal("staging", cached);
        Assert.Equal("prod", configured);
        Assert.Equal(0, readsWithin);
        Assert.Equal("staging-eu", renamed);
        Assert.Equal(["GetItem"], counter.Operations);
        Assert.Empty(warnings);
    }
}
