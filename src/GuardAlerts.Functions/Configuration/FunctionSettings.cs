using GuardAlerts.Aws.Configuration;
using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Policy;
using GuardAlerts.Functions.Handlers;

namespace GuardAlerts.Functions.Configuration;

/// <summary>Everything the function needs, read once at start-up and validated: every problem is named, together.</summary>
internal sealed record FunctionSettings(EventKind Kind, AwsAdapterOptions Aws, AlertPolicy Policy, AccountNames AccountNames, bool OrganizationNames)
{
    public static FunctionSettings Load(Func<string, string?> getVariable, DateTimeOffset now)
    {
        var errors = new List<string>();
        var kind = FunctionKind.Parse(getVariable(FunctionEnvironment.Handler));
        if (kind is null)
        {
            errors.Add($"{FunctionEnvironment.Handler} must be '{string.Join("' or '", FunctionKind.Names)}', got '{getVariable(FunctionEnvironment.Handler)}'");
        }

        AwsAdapterOptions? aws = null;
        try
        {
            aws = AwsAdapterOptions.FromEnvironment(getVariable);
        }
        catch (AwsOptionsException ex)
        {
            errors.Add(ex.Message);
        }

        AlertPolicy? policy = null;
        var policyDirectory = getVariable(FunctionEnvironment.PolicyDirectory);
        if (string.IsNullOrWhiteSpace(policyDirectory))
        {
            errors.Add($"{FunctionEnvironment.PolicyDirectory} is not set: it names the folder of the deployed policy files (the stack's policy layer)");
        }
        else
        {
            policy = LoadPolicy(policyDirectory, now, errors);
        }

        var accountNames = AccountNames.Parse(getVariable(FunctionEnvironment.AccountNames), FunctionEnvironment.AccountNames, errors);
        var organizationNames = false;
        if (getVariable(FunctionEnvironment.OrganizationNames) is { } flag && !bool.TryParse(flag, out organizationNames))
        {
            errors.Add($"{FunctionEnvironment.OrganizationNames} must be 'true' or 'false', got '{flag}'");
        }

        if (errors.Count > 0)
        {
            throw new ConfigException("invalid function configuration: " + string.Join("; ", errors));
        }

        return new FunctionSettings(kind!.Value, aws!, policy!, accountNames, organizationNames);
    }

    private static AlertPolicy? LoadPolicy(string policyDirectory, DateTimeOffset now, List<string> errors)
    {
        try
        {
            var table = Path.Combine(policyDirectory, PolicyLoader.RiskTableFile);
            var exemptions = Path.Combine(policyDirectory, PolicyLoader.ExemptionsFile);
            // providers.json is optional: without it no provider labels are given (labels never change a decision).
            var providers = Path.Combine(policyDirectory, PolicyLoader.ProvidersFile);
            return PolicyLoader.Load(File.ReadAllBytes(table), table, File.ReadAllBytes(exemptions), exemptions, now,
                File.Exists(providers) ? File.ReadAllBytes(providers) : null, providers);
        }
        catch (Exception ex) when (ex is ConfigException or IOException or UnauthorizedAccessException)
        {
            errors.Add($"policy files in {policyDirectory}: {ex.Message}");
            return null;
        }
    }
}
