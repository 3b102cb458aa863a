using System.CommandLine;
using Amazon.Runtime;
using GuardAlerts.Aws;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Cli.Redrive;

/// <summary>guard-alerts redrive --queue-url &lt;url&gt; [--table T --topic-arn A] [--config DIR] [--dry-run] [--max-messages N]</summary>
internal static class RedriveCommand
{
    /// <summary>How long a received message stays hidden: longer than processing a batch of ten, publish retries included.</summary>
    private static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);

    public static Command Create()
    {
        var queueUrl = new Option<string>("--queue-url") { Description = "The dead-letter queue (the stack's DeadLetterQueueUrl output)", Required = true };
        var table = new Option<string?>("--table") { Description = "The DynamoDB ledger table (default: GUARDALERTS_TABLE)" };
        var topicArn = new Option<string?>("--topic-arn") { Description = "The SNS topic alerts go to (default: GUARDALERTS_TOPIC_ARN)" };
        var config = new Option<string?>("--config") { Description = "Directory with risk-table.json and exemptions.json, and optionally providers.json (default: the embedded defaults, which never delete an ignored or exempted event)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show each message and why it failed: process nothing, delete nothing" };
        var maxMessages = new Option<int>("--max-messages") { Description = "Stop after this many messages", DefaultValueFactory = _ => 100 };

        var command = new Command("redrive", "Re-process the dead-letter queue's events through the pipeline (the ledger keeps it exactly once) and delete those that succeed")
        {
            queueUrl, table, topicArn, config, dryRun, maxMessages,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var stderr = Console.Error;
            var url = result.GetValue(queueUrl)!;
            var max = result.GetValue(maxMessages);
            if (max < 1)
            {
                await stderr.WriteLineAsync($"--max-messages must be at least 1, got {max}").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsedUrl) || (parsedUrl.Scheme != Uri.UriSchemeHttps && parsedUrl.Scheme != Uri.UriSchemeHttp))
            {
                await stderr.WriteLineAsync($"--queue-url must be an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME), got '{url}'").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var region = NonEmpty(Environment.GetEnvironmentVariable(AwsEnvironmentVariables.Region))
                ?? NonEmpty(Environment.GetEnvironmentVariable(AwsEnvironmentVariables.DefaultRegion))
                ?? SqsDeadLetterQueue.RegionOf(url);
            if (region is null)
            {
                await stderr.WriteLineAsync($"{AwsEnvironmentVariables.Region} is not set and the queue URL names no region").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var clock = TimeProvider.System;
            if (await ConfigDirectory.LoadOrReportAsync(result.GetValue(config), clock.GetUtcNow(), stderr).ConfigureAwait(false) is not { } policy)
            {
                return ExitCodes.UsageOrConfig;
            }

            using var queue = SqsDeadLetterQueue.Create(url, region, Visibility);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            AwsAdapters? adapters = null;
            try
            {
                AlertPipeline? pipeline = null;
                if (!result.GetValue(dryRun))
                {
                    AwsAdapterOptions options;
                    try
                    {
                        options = AwsAdapterOptions.FromEnvironment(Environment.GetEnvironmentVariable, result.GetValue(table), result.GetValue(topicArn));
                    }
                    catch (AwsOptionsException ex)
                    {
                        await stderr.WriteLineAsync(ex.Message + " (give --table and --topic-arn, or --dry-run to only look)").ConfigureAwait(false);
                        return ExitCodes.UsageOrConfig;
                    }

                    adapters = AwsAdapters.Create(options, http, clock);
                    pipeline = new AlertPipeline(policy, adapters.Ledger, adapters.Publisher, clock);
                }

                var (summary, _) = await new RedriveRunner(queue, pipeline, Console.Out, policyGiven: result.GetValue(config) is not null).RunAsync(max, cancellationToken).ConfigureAwait(false);
                return summary.Failed > 0 ? ExitCodes.InputErrors : ExitCodes.Ok;
            }
            catch (AmazonServiceException ex)
            {
                await stderr.WriteLineAsync($"the queue could not be read: {ex.ErrorCode}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InputErrors;
            }
            catch (AmazonClientException ex)
            {
                await stderr.WriteLineAsync($"the queue could not be reached: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InputErrors;
            }
            finally
            {
                adapters?.Dispose();
            }
        });
        return command;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
