using System.CommandLine;
using GuardAlerts.Cli;
using GuardAlerts.Cli.Coverage;
using GuardAlerts.Cli.Redrive;
using GuardAlerts.Cli.Replay;
using GuardAlerts.Cli.Validate;

var root = new RootCommand("guard-alerts: replay AWS security events through the GuardAlerts decision pipeline, validate its policy, redrive its dead-letter queue, document its coverage")
{
    ReplayCommand.Create(),
    ValidateCommand.Create(),
    RedriveCommand.Create(),
    CoverageCommand.Create(),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
    }

    await Console.Error.WriteLineAsync("Run 'guard-alerts --help' for usage.").ConfigureAwait(false);
    return ExitCodes.UsageOrConfig;
}

return await parsed.InvokeAsync().ConfigureAwait(false);
