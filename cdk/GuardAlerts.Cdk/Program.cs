using Amazon.CDK;
using GuardAlerts.Cdk;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Rules;

// The CDK app (cdk.json: dotnet run --project cdk/GuardAlerts.Cdk). Account and region come from the CLI profile,
// as CDK does by default (CDK_DEFAULT_ACCOUNT/CDK_DEFAULT_REGION); -c regions=... names them explicitly.
var app = new App();
DeploymentSettings settings;
RiskTable table;
var root = RepoRoot.Find();
try
{
    settings = DeploymentSettings.FromContext(app.Node.TryGetContext, CliContext.Keys());
    var path = Path.Combine(root, "config", "risk-table.json");
    table = RiskTableLoader.Load(File.ReadAllBytes(path), path);
}
catch (Exception ex) when (ex is DeploymentSettingsException or ConfigException or IOException)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 1;
}

if (settings.Organization.Mode == DeploymentMode.Member)
{
    // A member has no function: nothing to build, and its template must stay free of assets (a StackSet has no bootstrap).
    GuardAlertsApp.AddMemberStack(app, settings, table);
}
else
{
    var functionPackage = FunctionPackage.Build(root);
    GuardAlertsApp.AddStacks(app, settings, table, functionPackage,
        System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"), System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"));
}

app.Synth();
return 0;
