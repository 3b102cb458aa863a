using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Core.Members;
using M = GuardAlerts.Aws.Members.MemberItems;

namespace GuardAlerts.Aws.Members;

/// <summary>
/// The member watch's state in the ledger table (see <see cref="MemberItems"/>). Reads of many members use
/// BatchGetItem, 100 keys per call (its limit), and ask again for the keys DynamoDB left unprocessed.
/// </summary>
public sealed class DynamoDbMemberStore(IAmazonDynamoDB client, string tableName, TimeProvider clock) : IMemberStore
{
    /// <summary>BatchGetItem's limit of keys per call.</summary>
    public const int BatchSize = 100;

    // Unprocessed keys mean throttling: back off before asking again, and give up rather than loop for ever.
    private const int MaxBatchRounds = 8;

    /// <inheritdoc />
    /// <remarks>
    /// DynamoDB bills and throttles a write by the size of the item it changes, and the registry holds every member
    /// region (about 80 KB at 1,000 accounts in 4 regions): adding to it on every heartbeat would cost that many write
    /// units each time, all on one partition. The registry is written only for a member region not yet in it; the
    /// member item's <see cref="M.Registered"/> flag is set only after that write succeeded, so a failed one is tried
    /// again by the next heartbeat.
    /// </remarks>
    public async ValueTask RecordHeartbeatAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var key = Key(M.KeyOf(member));
        bool registered;
        try
        {
            var response = await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = key,
                UpdateExpression = "SET #seen = :t",
                // The latest time wins: a late or repeated heartbeat never moves it back.
                ConditionExpression = "attribute_not_exists(#seen) OR #seen < :t",
                ExpressionAttributeNames = new() { ["#seen"] = M.LastSeen },
                ExpressionAttributeValues = new() { [":t"] = Millis(time) },
                ReturnValues = ReturnValue.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            registered = IsRegistered(response.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            // A later heartbeat is already recorded (rare: a late or repeated delivery); its registration may have failed.
            registered = IsRegistered(await GetAsync(M.KeyOf(member), cancellationToken).ConfigureAwait(false));
        }

        if (registered)
        {
            return;
        }

        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(M.RegistryKey),
            UpdateExpression = "ADD #members :m",
            ExpressionAttributeNames = new() { ["#members"] = M.Members },
            ExpressionAttributeValues = new() { [":m"] = new AttributeValue { SS = [member.ToString()] } },
        }, cancellationToken).ConfigureAwait(false);
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = key,
            UpdateExpression = "SET #registered = :true",
            ExpressionAttributeNames = new() { ["#registered"] = M.Registered },
            ExpressionAttributeValues = new() { [":true"] = new AttributeValue { BOOL = true } },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<MemberId>> ReadRegistryAsync(CancellationToken cancellationToken)
    {
        var item = await GetAsync(M.RegistryKey, cancellationToken).ConfigureAwait(false);
        return item.TryGetValue(M.Members, out var members) && members.SS is { } set
            ? [.. set.Select(MemberId.TryParse).OfType<MemberId>()]
            : [];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<MemberId, MemberRecord>> ReadAsync(IReadOnlyCollection<MemberId> members, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(members);
        var byKey = members.Distinct().ToDictionary(M.KeyOf);
        var records = new Dictionary<MemberId, MemberRecord>(byKey.Count);
        foreach (var chunk in byKey.Keys.Chunk(BatchSize))
        {
            var pending = new KeysAndAttributes { Keys = [.. chunk.Select(Key)], ConsistentRead = true };
            for (var round = 0; pending.Keys.Count > 0; round++)
            {
                if (round == MaxBatchRounds)
                {
                    throw new InvalidOperationException($"DynamoDB left {pending.Keys.Count} member items of {tableName} unread after {MaxBatchRounds} BatchGetItem calls (throttled)");
                }

                if (round > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 << round), clock, cancellationToken).ConfigureAwait(false);
                }

                var response = await client.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new() { [tableName] = pending },
                }, cancellationToken).ConfigureAwait(false);
                foreach (var item in response.Responses?.GetValueOrDefault(tableName) ?? [])
                {
                    var member = byKey[item[LedgerAttributes.Key].S];
                    records[member] = Record(member, item);
                }

                pending = response.UnprocessedKeys?.GetValueOrDefault(tableName) ?? new KeysAndAttributes { Keys = [] };
                pending.Keys ??= [];
            }
        }

        return records;
    }

    /// <inheritdoc />
    public async ValueTask MarkExpectedAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken) =>
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(M.KeyOf(member)),
            UpdateExpression = "SET #first = if_not_exists(#first, :t)",
            ExpressionAttributeNames = new() { ["#first"] = M.FirstExpected },
            ExpressionAttributeValues = new() { [":t"] = Millis(time) },
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask SetStateAsync(MemberId member, bool silent, DateTimeOffset? silentSince, CancellationToken cancellationToken)
    {
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(M.KeyOf(member)),
            ExpressionAttributeNames = new() { ["#state"] = M.State, ["#since"] = M.SilentSince },
            ExpressionAttributeValues = new() { [":state"] = new AttributeValue { S = silent ? M.Silent : M.Ok } },
        };
        if (silentSince is { } since)
        {
            request.UpdateExpression = "SET #state = :state, #since = :since";
            request.ExpressionAttributeValues[":since"] = Millis(since);
        }
        else
        {
            request.UpdateExpression = "SET #state = :state REMOVE #since";
        }

        await client.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, string>> ReadNamesAsync(CancellationToken cancellationToken)
    {
        var item = await GetAsync(M.DirectoryKey, cancellationToken).ConfigureAwait(false);
        return item.TryGetValue(M.Names, out var names) && names.M is { } map
            ? map.Where(p => p.Value.S is not null).ToDictionary(p => p.Key, p => p.Value.S, StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    /// <inheritdoc />
    public async ValueTask WriteNamesAsync(IReadOnlyDictionary<string, string> names, DateTimeOffset updatedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new()
            {
                [LedgerAttributes.Key] = new AttributeValue { S = M.DirectoryKey },
                // An empty map is stored as such (IsMSet): an organization read that lists no account names none.
                [M.Names] = new AttributeValue { M = names.ToDictionary(p => p.Key, p => new AttributeValue { S = p.Value }), IsMSet = true },
                [M.UpdatedAt] = Millis(updatedAt),
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<string?> ReadNoticeDayAsync(CancellationToken cancellationToken) =>
        (await GetAsync(M.NoticeKey, cancellationToken).ConfigureAwait(false)).GetValueOrDefault(M.Day)?.S;

    /// <inheritdoc />
    public async ValueTask WriteNoticeDayAsync(string day, CancellationToken cancellationToken) =>
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = new() { [LedgerAttributes.Key] = new AttributeValue { S = M.NoticeKey }, [M.Day] = new AttributeValue { S = day } },
        }, cancellationToken).ConfigureAwait(false);

    private async Task<Dictionary<string, AttributeValue>> GetAsync(string key, CancellationToken cancellationToken) =>
        (await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = Key(key), ConsistentRead = true }, cancellationToken)
            .ConfigureAwait(false)).Item ?? [];

    private static MemberRecord Record(MemberId member, Dictionary<string, AttributeValue> item) =>
        new(member, Time(item, M.LastSeen), Time(item, M.FirstExpected), item.GetValueOrDefault(M.State)?.S == M.Silent, Time(item, M.SilentSince));

    private static bool IsRegistered(Dictionary<string, AttributeValue>? item) =>
        item?.GetValueOrDefault(M.Registered) is { BOOL: true };

    private static Dictionary<string, AttributeValue> Key(string key) => new() { [LedgerAttributes.Key] = new AttributeValue { S = key } };

    private static AttributeValue Millis(DateTimeOffset time) =>
        new() { N = time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) };

    private static DateTimeOffset? Time(Dictionary<string, AttributeValue> item, string name) =>
        item.GetValueOrDefault(name)?.N is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
