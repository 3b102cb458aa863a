using GuardAlerts.Aws;
using GuardAlerts.Aws.Accounts;
using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Config;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Functions;
using GuardAlerts.Functions.Configuration;
using GuardAlerts.Functions.Handlers;
using GuardAlerts.Functions.Observability;
using GuardAlerts.Functions.Runtime;

// The composition root: real dependencies are built once, here, before the first event.
var clock = TimeProvider.System;
var runtimeApi = Environment.GetEnvironmentVariable(FunctionEnvironment.RuntimeApi);
if (string.IsNullOrWhiteSpace(runtimeApi))
{
    await Console.Error.WriteLineAsync($"{FunctionEnvironment.RuntimeApi} is not set: this program runs inside AWS Lambda (or its emulator)").ConfigureAwait(false);
    return 2;
}

var runtime = RuntimeApiClient.Create(runtimeApi);
if (MemberHandler.Serves(Environment.GetEnvironmentVariable(FunctionEnvironment.Handler)))
{
    return await MemberFunction.RunAsync(runtime, clock).ConfigureAwait(false);
}

FunctionSettings settings;
try
{
    settings = FunctionSettings.Load(Environment.GetEnvironmentVariable, clock.GetUtcNow());
}
catch (ConfigException ex)
{
    await Console.Out.WriteLineAsync(ex.Message).ConfigureAwait(false);
    await runtime.InitErrorAsync(new LambdaError("GuardAlerts.InvalidConfiguration", ex.Message), CancellationToken.None).ConfigureAwait(false);
    return 1;
}

var log = new DecisionLog(Console.Out, FunctionKind.Name(settings.Kind), clock);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
using var adapters = AwsAdapters.Create(settings.Aws, http, clock);
// Configured names, and in a central stack the organization's names from the ledger table (read at most every 15 minutes).
IAccountNameSource names = settings.OrganizationNames
    ? new AccountNameCache(settings.AccountNames, new DynamoDbAccountDirectory(adapters.DynamoDb, settings.Aws.TableName), clock, m => log.Message("warn", m))
    : settings.AccountNames;
var pipeline = new AlertPipeline(settings.Policy, adapters.Ledger, adapters.Publisher, clock, accountNames: names);
var handler = new InvocationHandler(settings.Kind, pipeline, log, clock);
log.Message("info", $"ready: {settings.Policy.RiskTable.Rules.Count} rules, {settings.Policy.Exemptions.Exemptions.Count} exemptions, table {settings.Aws.TableName}");
await new RuntimeLoop(runtime, handler, log, clock).RunAsync(CancellationToken.None).ConfigureAwait(false);
return 0;
