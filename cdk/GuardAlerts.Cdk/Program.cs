using Amazon.CDK;
using GuardAlerts.Cdk;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Config;

// The CDK app (cdk.json: dotnet run --project cdk/GuardAlerts.Cdk). Account and region come from the CLI profile,
// as CDK does by default (CDK_DEFAULT_ACCOUNT/CDK_DEFAULT_REGION); -c regions=... names them explicitly.
var app = new App();
DeploymentSettings settings;
PolicyFiles policy;
var root = RepoRoot.Find();
try
{
    settings = DeploymentSettings.FromContext(app.Node.TryGetContext, CliContext.Keys());
    // The whole policy, as the functions will load it: a broken exemption fails here, not at the functions' start-up.
    policy = PolicyFiles.Load(Path.Combine(root, "config"), TimeProvider.System.GetUtcNow());
}
catch (Exception ex) when (ex is DeploymentSettingsException or ConfigException or IOException)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 1;
}

if (settings.Organization.Mode == DeploymentMode.Member)
{
    // A member has no function: nothing to build, and its template must stay free of assets (a StackSet has no bootstrap).
    GuardAlertsApp.AddMemberStack(app, settings, policy.RiskTable);
}
else
{
    var functionPackage = FunctionPackage.Build(root, policy);
    GuardAlertsApp.AddStacks(app, settings, policy.RiskTable, functionPackage,
        System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"), System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"));
}

app.Synth();
return 0;
