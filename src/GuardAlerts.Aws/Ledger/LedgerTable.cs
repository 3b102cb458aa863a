using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace GuardAlerts.Aws.Ledger;

/// <summary>Creates the ledger table for local use (the CLI's --create-table, tests). Production uses the CDK stack.</summary>
public static class LedgerTable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Creates the table (on-demand, partition key pk) if it does not exist, waits until it is ACTIVE, and enables
    /// TTL on expiresAt. Idempotent.
    /// </summary>
    public static async Task<TableSetupResult> CreateAsync(
        IAmazonDynamoDB client, string tableName, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(timeProvider);

        var created = true;
        try
        {
            await client.CreateTableAsync(
                new CreateTableRequest
                {
                    TableName = tableName,
                    BillingMode = BillingMode.PAY_PER_REQUEST,
                    AttributeDefinitions = [new AttributeDefinition(LedgerAttributes.Key, ScalarAttributeType.S)],
                    KeySchema = [new KeySchemaElement(LedgerAttributes.Key, KeyType.HASH)],
                },
                cancellationToken);
        }
        catch (ResourceInUseException)
        {
            created = false;
        }

        while (true)
        {
            var described = await client.DescribeTableAsync(tableName, cancellationToken);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                break;
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        return new TableSetupResult(created, await EnableTimeToLiveAsync(client, tableName, cancellationToken));
    }

    private static async Task<bool> EnableTimeToLiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await client.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = tableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = LedgerAttributes.ExpiresAt, Enabled = true },
                },
                cancellationToken);
            return true;
        }
        catch (AmazonDynamoDBException ex) when (ex.ErrorCode == "UnknownOperationException")
        {
            // dynalite has no UpdateTimeToLive. The ledger does not depend on TTL deletion (it checks expiresAt
            // itself), so a table without TTL is still correct, only never cleaned up.
            return false;
        }
        catch (AmazonDynamoDBException ex) when (ex.ErrorCode == "ValidationException"
            && ex.Message.Contains("already enabled", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
    }
}
