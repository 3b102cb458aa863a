using System.CommandLine;
using System.Globalization;
using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Text;
using Spectre.Console;

namespace GuardAlerts.Cli.Replay;

/// <summary>guard-alerts replay &lt;path&gt;... [--format text|jsonl|email] [--only &lt;outcomes&gt;] [--config &lt;dir&gt;] [--now &lt;ISO-8601&gt;] [--account-names &lt;id=name,...&gt;]</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Files or directories of events: EventBridge events, arrays, CloudTrail log files (.json/.json.gz), bare records or findings, JSON Lines",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (a table and a summary), jsonl (one JSON object per event) or email (for every alert: the subject, SMS, e-mail body and chat notification subscribers receive)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "jsonl", "email");
        var only = new Option<string?>("--only") { Description = $"Print only these outcomes, comma-separated ({string.Join(", ", OutcomeFilter.Names)}); the summary still counts every event" };
        var config = new Option<string?>("--config") { Description = "Directory with risk-table.json and exemptions.json, and optionally providers.json (default: the embedded defaults)" };
        var now = new Option<string?>("--now") { Description = "Decide as of this ISO-8601 time (exemption expiry); default: now" };
        var table = new Option<string?>("--table") { Description = "Use this DynamoDB ledger table (with --topic-arn): the real adapters, as the functions use them" };
        var topicArn = new Option<string?>("--topic-arn") { Description = "Publish alerts to this SNS topic (with --table)" };
        var createTable = new Option<bool>("--create-table") { Description = "Create the ledger table first if it does not exist (local use)" };
        var accountNames = new Option<string?>("--account-names") { Description = "Name accounts in alerts beside their ids: 111122223333=prod,444455556666=staging-eu (as the stack's accountNames)" };

        var command = new Command("replay", "Replay events through the decision pipeline (default: in-memory ledger, nothing is published)")
        {
            paths, format, config, now, table, topicArn, createTable, only, accountNames,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var stderr = Console.Error;
            DateTimeOffset? asOf = null;
            if (result.GetValue(now) is { } nowText)
            {
                if (!DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    await stderr.WriteLineAsync($"--now: '{DisplayText.Name(nowText)}' is not an ISO-8601 time (for example 2026-11-23T10:00:00Z)").ConfigureAwait(false);
                    return ExitCodes.UsageOrConfig;
                }

                asOf = parsed;
            }

            OutcomeFilter? filter = null;
            if (result.GetValue(only) is { } onlyText)
            {
                (filter, var error) = OutcomeFilter.Parse(onlyText);
                if (filter is null)
                {
                    await stderr.WriteLineAsync(error).ConfigureAwait(false);
                    return ExitCodes.UsageOrConfig;
                }
            }

            var nameErrors = new List<string>();
            var names = AccountNames.Parse(result.GetValue(accountNames), "--account-names", nameErrors);
            if (nameErrors.Count > 0)
            {
                await stderr.WriteLineAsync(string.Join(Environment.NewLine, nameErrors)).ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            TimeProvider clock = asOf is { } fixedNow ? new FixedTimeProvider(fixedNow) : TimeProvider.System;
            if (await ConfigDirectory.LoadOrReportAsync(result.GetValue(config), clock.GetUtcNow(), stderr).ConfigureAwait(false) is not { } policy)
            {
                return ExitCodes.UsageOrConfig;
            }

            var tableName = result.GetValue(table);
            var topic = result.GetValue(topicArn);
            if ((tableName is null) != (topic is null) || (result.GetValue(createTable) && tableName is null))
            {
                await stderr.WriteLineAsync("--table and --topic-arn go together (and --create-table needs them): give both to publish for real, neither to replay locally").ConfigureAwait(false);
                return ExitCodes.UsageOrConfig;
            }

            var (files, missing) = InputFiles.Expand(result.GetValue(paths) ?? []);
            foreach (var path in missing)
            {
                await stderr.WriteLineAsync($"{DisplayText.Name(path)}: no such file or directory").ConfigureAwait(false);
            }

            // Buffered: one write per 64 KB, not per line (the unbuffered console stream is a system call per write).
            using var stdout = new BufferedStream(Console.OpenStandardOutput(), 64 * 1024);
            IReplayOutput output = result.GetValue(format) switch
            {
                "jsonl" => new JsonLinesOutput(stdout),
                "email" => new EmailOutput(Console.Out, AnsiConsole.Console),
                _ => new TextOutput(Console.Out, AnsiConsole.Console),
            };
            if (filter is not null)
            {
                output = new FilteredOutput(output, filter);
            }

            ProgressTicker? progress = null;
            if (!Console.IsErrorRedirected)
            {
                // On a terminal shared with stdout, the line is drawn only between whole output lines.
                var shared = !Console.IsOutputRedirected;
                progress = new ProgressTicker(stderr, InputFiles.TotalBytes(files), shared ? () => { Console.Out.Flush(); stdout.Flush(); } : null);
                if (shared)
                {
                    output = new ProgressAwareOutput(output, progress);
                }
            }

            await using var ports = await ReplayPorts.CreateAsync(tableName, topic, result.GetValue(createTable), clock, stderr, cancellationToken).ConfigureAwait(false);
            if (ports is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            var pipeline = new AlertPipeline(policy, ports.Ledger, ports.Publisher, clock, accountNames: names);
            // Files are read in parallel on every core the process may use (taskset and DOTNET_PROCESSOR_COUNT limit it).
            var runner = new ReplayRunner(pipeline, output, stderr, progress, parallelism: Environment.ProcessorCount);
            var summary = await runner.RunAsync(files, cancellationToken).ConfigureAwait(false);
            return missing.Count > 0 || summary.HadInputErrors || summary.Failed > 0 ? ExitCodes.InputErrors : ExitCodes.Ok;
        });
        return command;
    }
}
