using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Core.Pipeline;
using A = GuardAlerts.Aws.Ledger.LedgerAttributes;

namespace GuardAlerts.Aws.Ledger;

/// <summary>
/// The alert ledger on one DynamoDB table (partition key <c>pk</c>, TTL attribute <c>expiresAt</c>).
/// A claim is one UpdateItem that always succeeds: it bumps the seen counter and sets claimId only if absent, and
/// the returned item tells whether this caller's id was written (won) and the count, in the same call. Only a
/// stale claim (lease expired unconfirmed, or retention passed but TTL has not deleted the item yet: TTL deletion
/// lags by up to days) costs a second, conditional call to take it over. Confirm and release are conditional on
/// the claim id; their conditional failures are outcomes, not exceptions. Throttling and 5xx are retried by the
/// SDK client (see <see cref="DynamoDbClientFactory"/>).
/// </summary>
public sealed class DynamoDbAlertLedger : IAlertLedger
{
    private const string ClaimExpression =
        "SET #claimId = if_not_exists(#claimId, :mine), #state = if_not_exists(#state, :pending), "
        + "#leaseUntil = if_not_exists(#leaseUntil, :lease), #expiresAt = if_not_exists(#expiresAt, :ttl), "
        + "#claimedAt = if_not_exists(#claimedAt, :now) ADD #seen :one";

    private readonly IAmazonDynamoDB _client;
    private readonly string _tableName;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeProvider _timeProvider;

    public DynamoDbAlertLedger(IAmazonDynamoDB client, string tableName, TimeSpan leaseDuration, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        _client = client;
        _tableName = tableName;
        _leaseDuration = leaseDuration;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public async ValueTask<LedgerClaim> ClaimAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mine = Guid.NewGuid().ToString("N");
        var response = await _client.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _tableName,
                Key = KeyOf(request.Key),
                UpdateExpression = ClaimExpression,
                ExpressionAttributeNames = Names(A.ClaimId, A.State, A.LeaseUntil, A.ExpiresAt, A.ClaimedAt, A.Seen),
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":mine"] = new() { S = mine },
                    [":pending"] = new() { S = A.Pending },
                    [":lease"] = Number(Millis(request.Now + _leaseDuration)),
                    [":ttl"] = Number(request.RetainUntil.ToUnixTimeSeconds()),
                    [":now"] = Number(Millis(request.Now)),
                    [":one"] = Number(1),
                },
                ReturnValues = ReturnValue.ALL_NEW,
            },
            cancellationToken);

        var item = response.Attributes ?? [];
        var holder = StringOf(item, A.ClaimId);
        var seen = NumberOf(item, A.Seen) ?? 1;
        if (holder == mine)
        {
            return new LedgerClaim(request.Key, ClaimStatus.Won, mine, seen, Sent: false);
        }

        var expired = (NumberOf(item, A.ExpiresAt) ?? long.MaxValue) <= request.Now.ToUnixTimeSeconds();
        var sent = StringOf(item, A.State) == A.Sent;
        var leaseLapsed = !sent && (NumberOf(item, A.LeaseUntil) ?? 0) <= Millis(request.Now);
        if (!expired && !leaseLapsed)
        {
            return new LedgerClaim(request.Key, ClaimStatus.Duplicate, mine, seen, sent);
        }

        return await TakeOverAsync(request, mine, holder, expired, seen, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask ConfirmAsync(LedgerClaim claim, string messageId, CancellationToken cancellationToken)
    {
        RequireWon(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        try
        {
            await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = KeyOf(claim.Key),
                    // leaseUntil stays: removing it would let the next duplicate's if_not_exists write it back.
                    UpdateExpression = "SET #state = :sent, #messageId = :messageId, #sentAt = :now",
                    ConditionExpression = "#claimId = :mine",
                    ExpressionAttributeNames = Names(A.State, A.MessageId, A.SentAt, A.ClaimId),
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":sent"] = new() { S = A.Sent },
                        [":messageId"] = new() { S = messageId },
                        [":now"] = Number(Millis(_timeProvider.GetUtcNow())),
                        [":mine"] = new() { S = claim.ClaimId },
                    },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // The lease lapsed and another invocation took the claim over: the alert is out (SNS accepted it) and
            // the new holder's confirm records it. Nothing this caller can repair; it is not a failure of the event.
        }
    }

    /// <inheritdoc />
    public async ValueTask ReleaseAsync(LedgerClaim claim, CancellationToken cancellationToken)
    {
        RequireWon(claim);
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _tableName,
                    Key = KeyOf(claim.Key),
                    ConditionExpression = "#claimId = :mine AND #state = :pending",
                    ExpressionAttributeNames = Names(A.ClaimId, A.State),
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":mine"] = new() { S = claim.ClaimId },
                        [":pending"] = new() { S = A.Pending },
                    },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Someone else holds the key now (our lease lapsed): their claim is theirs to finish.
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One UpdateItem adds the member to a string set only if it is absent and the set is below the cap: the set's
    /// size is the count, so each added member yields a count no other caller sees (the one that reaches N is the
    /// only crossing), and a retried event finds its member already there. A conditional failure (already counted,
    /// or full) costs a consistent read to return the window as it is.
    /// </remarks>
    public async ValueTask<CountResult> CountAsync(CountRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // At most two rounds: a window whose retention has passed (TTL deletes days late) is removed, then counted anew.
        for (var round = 0; ; round++)
        {
            try
            {
                var response = await _client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = _tableName,
                        Key = KeyOf(request.Key),
                        UpdateExpression = "ADD #members :member SET #expiresAt = if_not_exists(#expiresAt, :ttl)",
                        ConditionExpression = "(attribute_not_exists(#members) OR (NOT contains(#members, :text) AND size(#members) < :cap)) "
                            + "AND (attribute_not_exists(#expiresAt) OR #expiresAt > :nowSeconds)",
                        ExpressionAttributeNames = Names(A.Members, A.ExpiresAt),
                        ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                        {
                            [":member"] = new() { SS = [request.Member] },
                            [":text"] = new() { S = request.Member },
                            [":cap"] = Number(request.Cap),
                            [":ttl"] = Number(request.RetainUntil.ToUnixTimeSeconds()),
                            [":nowSeconds"] = Number(request.Now.ToUnixTimeSeconds()),
                        },
                        ReturnValues = ReturnValue.ALL_NEW,
                    },
                    cancellationToken);
                var members = MembersOf(response.Attributes ?? []);
                return new CountResult(members.Count, Added: true, members);
            }
            catch (ConditionalCheckFailedException)
            {
                var item = await GetAsync(request.Key, cancellationToken);
                if (round == 0 && NumberOf(item, A.ExpiresAt) is { } expiresAt && expiresAt <= request.Now.ToUnixTimeSeconds())
                {
                    await DeleteExpiredAsync(request.Key, expiresAt, cancellationToken);
                    continue;
                }

                var members = MembersOf(item);
                return new CountResult(members.Count, Added: false, members);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> ReadCountAsync(string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        MembersOf(await ReadWindowAsync(key, now, cancellationToken)).Count;

    private async ValueTask<Dictionary<string, AttributeValue>> ReadWindowAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = await GetAsync(key, cancellationToken);
        // TTL deletes days late: a window past its retention counts as gone, as in the in-memory ledger.
        return (NumberOf(item, A.ExpiresAt) ?? long.MaxValue) > now.ToUnixTimeSeconds() ? item : [];
    }

    private async ValueTask<Dictionary<string, AttributeValue>> GetAsync(string key, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(new GetItemRequest { TableName = _tableName, Key = KeyOf(key), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? response.Item : [];
    }

    private async ValueTask DeleteExpiredAsync(string key, long expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = _tableName,
                    Key = KeyOf(key),
                    ConditionExpression = "#expiresAt = :expiresAt",
                    ExpressionAttributeNames = Names(A.ExpiresAt),
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expiresAt"] = Number(expiresAt) },
                },
                cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another caller removed it (and may have started the new window): the next round counts into that.
        }
    }

    private static List<string> MembersOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(A.Members, out var value) && value.SS is { } set ? [.. set.Order(StringComparer.Ordinal)] : [];

    private async ValueTask<LedgerClaim> TakeOverAsync(
        ClaimRequest request, string mine, string? holder, bool expired, long seenBefore, CancellationToken cancellationToken)
    {
        // The condition re-checks staleness against the holder we saw, so of several callers racing to take over
        // the same stale claim exactly one succeeds, and a confirm that lands first (state sent) wins over us.
        // An expired item starts a new retention window, so its counter starts again.
        var set = "SET #claimId = :mine, #state = :pending, #leaseUntil = :lease, #expiresAt = :ttl, #claimedAt = :now"
            + (expired ? ", #seen = :one" : string.Empty) + " REMOVE #messageId, #sentAt";
        var values = new Dictionary<string, AttributeValue>
        {
            [":mine"] = new() { S = mine },
            [":holder"] = new() { S = holder ?? string.Empty },
            [":pending"] = new() { S = A.Pending },
            [":lease"] = Number(Millis(request.Now + _leaseDuration)),
            [":ttl"] = Number(request.RetainUntil.ToUnixTimeSeconds()),
            [":now"] = Number(Millis(request.Now)),
            [":nowSeconds"] = Number(request.Now.ToUnixTimeSeconds()),
        };
        // DynamoDB rejects names and values an expression does not use, so the reset's are added only with it.
        var names = Names(A.ClaimId, A.State, A.LeaseUntil, A.ExpiresAt, A.ClaimedAt, A.MessageId, A.SentAt);
        if (expired)
        {
            values[":one"] = Number(1);
            names["#" + A.Seen] = A.Seen;
        }

        try
        {
            var response = await _client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = _tableName,
                    Key = KeyOf(request.Key),
                    UpdateExpression = set,
                    ConditionExpression =
                        "#claimId = :holder AND (#expiresAt <= :nowSeconds OR (#state = :pending AND #leaseUntil <= :now))",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken);
            var seen = NumberOf(response.Attributes ?? [], A.Seen) ?? seenBefore;
            return new LedgerClaim(request.Key, ClaimStatus.Won, mine, seen, Sent: false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another caller took it over first (or the holder confirmed just in time): theirs to send.
            return new LedgerClaim(request.Key, ClaimStatus.Duplicate, mine, seenBefore, Sent: false);
        }
    }

    private static void RequireWon(LedgerClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Status != ClaimStatus.Won)
        {
            throw new ArgumentException("Only a won claim can be confirmed or released.", nameof(claim));
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(string key) => new() { [A.Key] = new() { S = key } };

    private static Dictionary<string, string> Names(params string[] attributes)
    {
        var names = new Dictionary<string, string>(attributes.Length);
        foreach (var attribute in attributes)
        {
            names["#" + attribute] = attribute;
        }

        return names;
    }

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static string? StringOf(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static long? NumberOf(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null
            && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
