using System.Text.Json;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Functions.Observability;
using GuardAlerts.Functions.Runtime;

namespace GuardAlerts.Functions.Handlers;

/// <summary>
/// The thin handler: parse, run the pipeline, return. Never reports success for an event it did not handle: a
/// malformed event or one of the other kind is an error (the dead-letter destination keeps it with the reason); a
/// ledger or SNS failure after retries propagates, so Lambda retries the event.
/// </summary>
internal sealed class InvocationHandler(EventKind kind, AlertPipeline pipeline, DecisionLog log, TimeProvider clock) : IInvocationHandler
{
    public const string RejectedEvent = FunctionAcceptance.RejectedEvent;
    public const string WrongEventKind = "GuardAlerts.WrongEventKind";
    public const string ClaimPending = FunctionAcceptance.ClaimPending;

    public async Task<byte[]> RespondAsync(Invocation invocation, CancellationToken cancellationToken) =>
        Response(await HandleAsync(invocation, cancellationToken).ConfigureAwait(false));

    public async Task<Decision> HandleAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var items = EventReader.ParseValue(invocation.Payload, "invocation " + invocation.RequestId, 1, 0);
        if (items is not [{ Parsed: { } parsed }])
        {
            var reason = items.Count == 1 ? items[0].Error! : $"expected one event, got {items.Count}";
            log.Rejected(invocation.RequestId, null, reason);
            throw new HandlerException(RejectedEvent, reason);
        }

        if (parsed.Event is { } e && EventKinds.Of(e.Kind).Misrouted(e, FunctionKind.Name(kind)) is { } misrouted)
        {
            log.Rejected(invocation.RequestId, parsed, misrouted);
            throw new HandlerException(WrongEventKind, misrouted);
        }

        Decision decision;
        try
        {
            decision = await pipeline.ProcessAsync(parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.Failed(invocation.RequestId, parsed, ex, clock.GetElapsedTime(started));
            throw;
        }

        log.Decided(invocation.RequestId, decision, clock.GetElapsedTime(started));
        // A rejected event, or a claim another invocation may have died holding: failing lets Lambda retry (after the
        // lease, the alert is confirmed or the claim is free) and the dead-letter queue keep it. Never lost.
        if (FunctionAcceptance.Refusal(decision) is { } refusal)
        {
            throw new HandlerException(refusal.ErrorType, refusal.Message);
        }

        return decision;
    }

    private static byte[] Response(Decision d)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            // The decision's wire fields (as the replay writes them), and the SNS message id of a published alert.
            w.WriteStartObject();
            DecisionWire.WriteFields(w, d);
            w.WriteString("messageId", d.MessageId);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
