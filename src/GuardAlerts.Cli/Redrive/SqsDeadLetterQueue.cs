using Amazon;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace GuardAlerts.Cli.Redrive;

/// <summary>
/// The dead-letter queue on SQS (AWSSDK.SQS: the JSON protocol, the credential chain, AWS_ENDPOINT_URL_SQS and
/// AWS_ENDPOINT_URL honoured by AWSSDK.Core as for DynamoDB).
/// </summary>
internal sealed class SqsDeadLetterQueue(IAmazonSQS client, string queueUrl, TimeSpan visibility) : IDeadLetterQueue, IDisposable
{
    // SQS's per-call maximum.
    private const int MaxPerReceive = 10;

    public static SqsDeadLetterQueue Create(string queueUrl, string region, TimeSpan visibility)
    {
        var config = new AmazonSQSConfig
        {
            RegionEndpoint = RegionEndpoint.GetBySystemName(region),
            RetryMode = RequestRetryMode.Standard,
        };
        return new SqsDeadLetterQueue(new AmazonSQSClient(config), queueUrl, visibility);
    }

    /// <summary>The region in a queue URL's host (sqs.REGION.amazonaws.com, or the legacy REGION.queue.amazonaws.com).</summary>
    public static string? RegionOf(string queueUrl)
    {
        if (!Uri.TryCreate(queueUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var labels = uri.Host.Split('.');
        return labels switch
        {
            ["sqs", var region, "amazonaws", ..] => region,
            [var region, "queue", "amazonaws", ..] => region,
            _ => null,
        };
    }

    public async Task<IReadOnlyList<DeadLetterMessage>> ReceiveAsync(int max, CancellationToken cancellationToken)
    {
        var response = await client.ReceiveMessageAsync(
            new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = Math.Clamp(max, 1, MaxPerReceive),
                // Long polling for a second asks every SQS server, so an empty answer means an empty queue.
                WaitTimeSeconds = 1,
                VisibilityTimeout = (int)visibility.TotalSeconds,
                MessageAttributeNames = ["All"],
            },
            cancellationToken).ConfigureAwait(false);
        return (response.Messages ?? [])
            .Select(m => new DeadLetterMessage(
                m.MessageId,
                m.ReceiptHandle,
                m.Body ?? string.Empty,
                (m.MessageAttributes ?? []).Where(a => a.Value.StringValue is not null).ToDictionary(a => a.Key, a => a.Value.StringValue, StringComparer.Ordinal)))
            .ToList();
    }

    public Task DeleteAsync(DeadLetterMessage message, CancellationToken cancellationToken) =>
        client.DeleteMessageAsync(queueUrl, message.ReceiptHandle, cancellationToken);

    public Task ReleaseAsync(DeadLetterMessage message, CancellationToken cancellationToken) =>
        client.ChangeMessageVisibilityAsync(
            new ChangeMessageVisibilityRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle, VisibilityTimeout = 0 },
            cancellationToken);

    public void Dispose() => client.Dispose();
}
