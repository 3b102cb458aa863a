using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Members;
using GuardAlerts.Functions.Handlers;
using GuardAlerts.Functions.Observability;
using GuardAlerts.Functions.Runtime;

namespace GuardAlerts.Functions;

/// <summary>The composition root of the members function (_HANDLER "members"), a central stack's silent-member check.</summary>
internal static class MemberFunction
{
    public static async Task<int> RunAsync(IRuntimeApiClient runtime, TimeProvider clock)
    {
        AwsAdapterOptions aws;
        MemberWatchOptions members;
        try
        {
            var errors = new List<string>();
            aws = Read(() => AwsAdapterOptions.FromEnvironment(Environment.GetEnvironmentVariable), errors)!;
            members = Read(() => MemberWatchOptions.FromEnvironment(Environment.GetEnvironmentVariable), errors)!;
            if (errors.Count > 0)
            {
                throw new AwsOptionsException(errors);
            }
        }
        catch (AwsOptionsException ex)
        {
            var message = "invalid function configuration: " + string.Join("; ", ex.Errors);
            await Console.Out.WriteLineAsync(message).ConfigureAwait(false);
            await runtime.InitErrorAsync(new LambdaError("GuardAlerts.InvalidConfiguration", message), CancellationToken.None).ConfigureAwait(false);
            return 1;
        }

        var log = new DecisionLog(Console.Out, MemberHandler.Name, clock);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var adapters = MemberWatchAdapters.Create(aws, members, http, clock);
        log.Message("info", $"ready: members in {string.Join(", ", members.Regions)}, "
            + (members.OrganizationId is { } o ? $"accounts of {o}" : $"{members.Accounts.Count} configured accounts") + $", table {aws.TableName}");
        await new RuntimeLoop(runtime, new MemberHandler(adapters.Watch, log, clock), log, clock).RunAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    // Both groups of settings are read, so one start-up names every problem.
    private static T? Read<T>(Func<T> read, List<string> errors) where T : class
    {
        try
        {
            return read();
        }
        catch (AwsOptionsException ex)
        {
            errors.AddRange(ex.Errors);
            return null;
        }
    }
}
