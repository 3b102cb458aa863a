using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Members;
using GuardAlerts.Testing.Servers;
using static GuardAlerts.Aws.Tests.Members.MemberWatchContext;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>
/// The registry of member regions on dynalite: one item that grows with the organization, so a heartbeat writes it
/// only for a member region not yet in it, and a failed write is tried again by the next heartbeat.
/// </summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MemberRegistryTests(DynaliteFixture dynalite)
{
    private static readonly MemberId A = new(AccountA, "eu-west-1");

    [Fact]
    public async Task RecordHeartbeatAsync_WhenTheMemberIsAlreadyRegistered_ShouldWriteOnlyItsOwnItem()
    {
        using var context = await CreateAsync(dynalite);
        await context.Store.RecordHeartbeatAsync(A, Start, CancellationToken.None);
        context.Counter.Reset();

        await context.Store.RecordHeartbeatAsync(A, Start.AddHours(1), CancellationToken.None);
        await context.Store.RecordHeartbeatAsync(A, Start.AddHours(2), CancellationToken.None);

        Assert.Equal(["UpdateItem", "UpdateItem"], context.Counter.Operations);
        Assert.Equal([A], await context.Store.ReadRegistryAsync(CancellationToken.None));
        var record = (await context.Store.ReadAsync([A], CancellationToken.None))[A];
        Assert.Equal(Start.AddHours(2), record.LastSeen);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_WhenTheRegistryWriteFailed_ShouldRegisterOnTheNextHeartbeat()
    {
        using var context = await CreateAsync(dynalite);
        await BreakRegistryAsync(context);
        await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => context.Store.RecordHeartbeatAsync(A, Start, CancellationToken.None).AsTask());
        await RepairRegistryAsync(context);

        await context.Store.RecordHeartbeatAsync(A, Start.AddHours(1), CancellationToken.None);

        Assert.Equal([A], await context.Store.ReadRegistryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordHeartbeatAsync_WhenTheRegistryWriteFailedAndTheNextHeartbeatIsLate_ShouldStillRegister()
    {
        using var context = await CreateAsync(dynalite);
        await BreakRegistryAsync(context);
        await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => context.Store.RecordHeartbeatAsync(A, Start.AddHours(1), CancellationToken.None).AsTask());
        await RepairRegistryAsync(context);

        // Delivered late: older than the recorded heartbeat, so it does not move lastSeen, but it still registers.
        await context.Store.RecordHeartbeatAsync(A, Start, CancellationToken.None);

        Assert.Equal([A], await context.Store.ReadRegistryAsync(CancellationToken.None));
        Assert.Equal(Start.AddHours(1), (await context.Store.ReadAsync([A], CancellationToken.None))[A].LastSeen);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_WhenTheMemberWasOnlyExpectedBefore_ShouldRegisterIt()
    {
        using var context = await CreateAsync(dynalite);
        await context.Store.MarkExpectedAsync(A, Start, CancellationToken.None);

        await context.Store.RecordHeartbeatAsync(A, Start.AddHours(1), CancellationToken.None);

        Assert.Equal([A], await context.Store.ReadRegistryAsync(CancellationToken.None));
    }

    // A registry whose member set has the wrong type: DynamoDB refuses to ADD to it (ValidationException).
    private static Task BreakRegistryAsync(MemberWatchContext context) =>
        context.Client.PutItemAsync(new PutItemRequest
        {
            TableName = context.Table,
            Item = new() { ["pk"] = new AttributeValue { S = "member#registry" }, ["members"] = new AttributeValue { S = "not a set" } },
        });

    private static Task RepairRegistryAsync(MemberWatchContext context) =>
        context.Client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = context.Table,
            Key = new() { ["pk"] = new AttributeValue { S = "member#registry" } },
        });
}
