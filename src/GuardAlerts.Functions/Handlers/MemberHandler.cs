using System.Text.Json;
using GuardAlerts.Core.Members;
using GuardAlerts.Functions.Observability;
using GuardAlerts.Functions.Runtime;

namespace GuardAlerts.Functions.Handlers;

/// <summary>
/// The members function: records a member's heartbeat, or runs the silent-member check. Anything else is rejected
/// with a logged reason and answered, not failed: retrying an event that is not a heartbeat cannot make it one. A
/// ledger failure while recording, or a message the check could not publish or record, fails the invocation so
/// Lambda retries it and the errors alarm sees it.
/// </summary>
internal sealed class MemberHandler(MemberWatch watch, DecisionLog log, TimeProvider clock) : IInvocationHandler
{
    /// <summary>The _HANDLER value of the members function.</summary>
    public const string Name = "members";

    public const string CheckIncomplete = "GuardAlerts.MemberCheckIncomplete";

    public static bool Serves(string? handler) => string.Equals(handler?.Trim(), Name, StringComparison.OrdinalIgnoreCase);

    public async Task<byte[]> RespondAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var read = MemberInvocation.Read(invocation.Payload);
        if (read.Rejected is { } reason)
        {
            log.Message("warn", $"invocation {invocation.RequestId} rejected: {reason}");
            return Response(w =>
            {
                w.WriteString("outcome", "rejected");
                w.WriteString("reason", reason);
            });
        }

        if (read.Heartbeat is { } member)
        {
            await watch.RecordAsync(member, read.Time, cancellationToken).ConfigureAwait(false);
            log.Message("info", $"invocation {invocation.RequestId}: heartbeat of {member.Account} {member.Region} at {read.Time:O} recorded "
                + $"in {clock.GetElapsedTime(started).TotalMilliseconds:0} ms");
            return Response(w =>
            {
                w.WriteString("outcome", "heartbeat");
                w.WriteString("account", member.Account);
                w.WriteString("region", member.Region);
            });
        }

        var result = await watch.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (result.ListError is { } listError)
        {
            log.Message("warn", $"invocation {invocation.RequestId}: the organization's accounts could not be read, watching the registry instead: {listError}");
        }

        foreach (var problem in result.Problems)
        {
            log.Message("error", $"invocation {invocation.RequestId}: {problem}");
        }

        log.Message("info", $"invocation {invocation.RequestId}: member check: {result.Expected} expected, {result.Silent} silent alerts, "
            + $"{result.Recovered} recoveries, {result.Problems.Count} problems, in {clock.GetElapsedTime(started).TotalMilliseconds:0} ms");
        if (result.Problems.Count > 0)
        {
            throw new HandlerException(CheckIncomplete, $"{result.Problems.Count} member messages could not be published or recorded; the next check sends them: {result.Problems[0]}");
        }

        return Response(w =>
        {
            w.WriteString("outcome", "checked");
            w.WriteNumber("expected", result.Expected);
            w.WriteNumber("silent", result.Silent);
            w.WriteNumber("recovered", result.Recovered);
        });
    }

    private static byte[] Response(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            fields(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
