using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Core.Accounts;

namespace GuardAlerts.Aws.Accounts;

/// <summary>
/// The organization's account names as the central stack's member-watch function stores them in the ledger table,
/// after each successful AWS Organizations ListAccounts: the item <c>pk</c> = <c>org#directory</c>, with
/// <c>names</c> (M: account id to S name) and <c>updatedAt</c> (N, epoch milliseconds). One eventually consistent
/// GetItem: a name a few seconds old is as good as a fresh one, at half the read cost.
/// </summary>
public sealed class DynamoDbAccountDirectory : IAccountDirectory
{
    /// <summary>The directory item's partition key.</summary>
    public const string ItemKey = "org#directory";

    /// <summary>(M) account id to (S) account name.</summary>
    public const string NamesAttribute = "names";

    /// <summary>(N, epoch milliseconds) when the accounts were last listed.</summary>
    public const string UpdatedAtAttribute = "updatedAt";

    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;

    public DynamoDbAccountDirectory(IAmazonDynamoDB client, string tableName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        _client = client;
        _tableName = tableName;
    }

    /// <inheritdoc />
    public async ValueTask<AccountNames?> ReadAsync(CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _tableName,
                Key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = ItemKey } },
                ConsistentRead = false,
                // The key too, so an item without names is told from no item. Placeholders keep clear of reserved words.
                ProjectionExpression = "#pk, #names",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = "pk", ["#names"] = NamesAttribute },
            },
            cancellationToken).ConfigureAwait(false);

        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        if (!item.TryGetValue(NamesAttribute, out var names) || names.M is null)
        {
            throw new InvalidDataException($"the {ItemKey} item has no '{NamesAttribute}' map");
        }

        // An entry that is not an id and a text name is left out; the others still name their accounts.
        return AccountNames.From(names.M.Where(p => p.Value.S is not null).Select(p => KeyValuePair.Create(p.Key, p.Value.S)));
    }
}
