using Amazon.DynamoDBv2;
using GuardAlerts.Aws.Members;
using GuardAlerts.Core.Members;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>A fresh ledger table on dynalite, a fake clock, and a pager that records what it was given.</summary>
internal sealed class MemberWatchContext : IDisposable
{
    public const string Central = "111122223333";
    public const string AccountA = "444455556666";
    public const string AccountB = "777788889999";
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private MemberWatchContext(AmazonDynamoDBClient client, RequestCounter counter, string table, FakeTimeProvider clock)
    {
        Client = client;
        Counter = counter;
        Clock = clock;
        Table = table;
        Store = new DynamoDbMemberStore(client, table, clock);
    }

    public AmazonDynamoDBClient Client { get; }

    public RequestCounter Counter { get; }

    public FakeTimeProvider Clock { get; }

    public string Table { get; }

    public DynamoDbMemberStore Store { get; }

    public static async Task<MemberWatchContext> CreateAsync(DynaliteFixture dynalite)
    {
        var counter = new RequestCounter();
        var client = dynalite.CreateClient(counter);
        var table = await dynalite.CreateTableAsync(client);
        counter.Reset();
        return new MemberWatchContext(client, counter, table, new FakeTimeProvider(Start));
    }

    public MemberWatch Watch(RecordingPublisher pager, IReadOnlyList<string>? accounts = null, IReadOnlyList<string>? regions = null,
        IOrganizationAccounts? directory = null, IMemberStore? store = null) =>
        new(new MemberWatchSettings(Central, regions ?? ["eu-west-1"], accounts ?? []), store ?? Store, directory, pager, Clock);

    public void Dispose() => Client.Dispose();
}
