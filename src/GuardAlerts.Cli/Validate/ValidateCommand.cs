using System.CommandLine;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cli.Validate;

/// <summary>guard-alerts validate [--config &lt;dir&gt;]: checks both policy files; errors name file, entry id and field.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Directory with risk-table.json and exemptions.json, and optionally providers.json (default: the embedded defaults)" };
        var command = new Command("validate", "Check the risk table and the exemption list; warn about exemptions expiring within 30 days") { config };
        command.SetAction(result => Run(result.GetValue(config), TimeProvider.System.GetUtcNow(), Console.Out, Console.Error));
        return command;
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

        stdout.WriteLine($"{files.RiskTableName}: {table.Rules.Count} rules, {table.EventNames.Count} CloudTrail event names, minimum severity {table.MinimumSeverity}");
        stdout.WriteLine($"{files.ExemptionsName}: {list.Exemptions.Count} exemptions");
        stdout.WriteLine(providers.Name is null
            ? $"{PolicyLoader.ProvidersFile}: absent (no managed-provider labels)"
            : $"{providers.Name}: {profiles.Count} managed providers ({string.Join(", ", profiles.Select(p => $"{p.Name}: {p.Accounts.Count} accounts"))})");
        return ExitCodes.Ok;
    }
}
