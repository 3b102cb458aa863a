using System.CommandLine;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cli.Validate;

/// <summary>
/// guard-alerts validate [--config &lt;dir&gt;] [--events &lt;dir&gt;]: checks the policy files (errors name file, entry id
/// and field) and, with --events, that the samples show every rule alerting and a near miss of each.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Directory with risk-table.json and exemptions.json, and optionally providers.json (default: the embedded defaults)" };
        var events = new Option<string?>("--events") { Description = "Also decide the sample events in this directory: every rule needs an alerting sample and a near miss, and each sample the outcome its file name promises" };
        var command = new Command("validate", "Check the risk table and the exemption list; warn about exemptions expiring within 30 days") { config, events };
        command.SetAction(result => RunAsync(result.GetValue(config), result.GetValue(events), TimeProvider.System.GetUtcNow(), Console.Out, Console.Error));
        return command;
    }

    internal static async Task<int> RunAsync(string? directory, string? events, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        var exit = Run(directory, now, stdout, stderr);
        if (exit != ExitCodes.Ok || events is null)
        {
            return exit;
        }

        if (!Directory.Exists(events))
        {
            await stderr.WriteLineAsync($"--events: directory '{events}' does not exist").ConfigureAwait(false);
            return ExitCodes.UsageOrConfig;
        }

        var policy = ConfigDirectory.Load(directory, now);
        var problems = await SampleLint.ProblemsAsync(policy, events, new FixedTimeProvider(now)).ConfigureAwait(false);
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync($"{events}: error: {problem}").ConfigureAwait(false);
        }

        await stdout.WriteLineAsync(problems.Count == 0
            ? $"{events}: every rule has an alerting sample and a near miss; every sample decides as its name says"
            : $"{events}: {problems.Count} problem(s)").ConfigureAwait(false);
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.UsageOrConfig;
    }

    internal static int Run(string? directory, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        (byte[] RiskTable, string RiskTableName, byte[] Exemptions, string ExemptionsName) files;
        (byte[]? Bytes, string? Name) providers;
        try
        {
            files = ConfigDirectory.ReadFiles(directory);
            providers = ConfigDirectory.ReadProviders(directory);
        }
        catch (ConfigException ex)
        {
            stderr.WriteLine(ex.Message);
            return ExitCodes.UsageOrConfig;
        }

        var (table, tableErrors) = RiskTableLoader.TryLoad(files.RiskTable, files.RiskTableName);
        var (list, listErrors) = ExemptionLoader.TryLoad(files.Exemptions, files.ExemptionsName, now);
        IReadOnlyList<ManagedProviderProfile>? profiles = [];
        List<ConfigError> providerErrors = [];
        if (providers.Bytes is { } bytes)
        {
            (profiles, providerErrors) = ManagedProviderLoader.TryLoad(bytes, providers.Name!);
        }

        foreach (var problem in tableErrors.Concat(listErrors).Concat(providerErrors))
        {
            stderr.WriteLine(problem.ToString());
        }

        if (table is null || list is null || profiles is null)
        {
            return ExitCodes.UsageOrConfig;
        }

        var everyCall = table.EveryCallIdentityTypes.Count > 0 ? $", every call by {string.Join(", ", table.EveryCallIdentityTypes)}" : "";
        stdout.WriteLine($"{files.RiskTableName}: {table.Rules.Count} rules, {table.EventNames.Count} CloudTrail event names{everyCall}, minimum severity {table.MinimumSeverity}");
        stdout.WriteLine($"{files.ExemptionsName}: {list.Exemptions.Count} exemptions");
        stdout.WriteLine(providers.Name is null
            ? $"{PolicyLoader.ProvidersFile}: absent (no managed-provider labels)"
            : $"{providers.Name}: {profiles.Count} managed providers ({string.Join(", ", profiles.Select(p => $"{p.Name}: {p.Accounts.Count} accounts"))})");
        return ExitCodes.Ok;
    }
}
