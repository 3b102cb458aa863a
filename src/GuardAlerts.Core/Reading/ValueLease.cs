namespace GuardAlerts.Core.Reading;

/// <summary>
/// Bytes of a <see cref="ValueBudget"/> held for one value (or a reader's grown buffer). An item that carries one
/// holds its value's bytes until the consumer has decided it and disposes the lease.
/// </summary>
public sealed class ValueLease : IDisposable
{
    internal ValueLease(ValueBudgetTicket ticket) => Ticket = ticket;

    internal ValueBudgetTicket Ticket { get; }

    /// <summary>Bytes held (guarded by the budget's lock).</summary>
    public long Bytes { get; internal set; }

    /// <summary>Whether the value was handed on to the consumer (guarded by the budget's lock).</summary>
    internal bool HandedOver { get; set; }

    /// <summary>Holds <paramref name="bytes"/> in all, waiting while the budget is used up (after <paramref name="beforeWaiting"/>).</summary>
    internal ValueTask GrowToAsync(long bytes, Func<ValueTask>? beforeWaiting, CancellationToken ct) =>
        bytes > Bytes ? Ticket.Budget.GrowAsync(this, bytes - Bytes, beforeWaiting, ct) : ValueTask.CompletedTask;

    /// <summary>Holds at most <paramref name="bytes"/>, giving the rest back.</summary>
    internal void ShrinkTo(long bytes)
    {
        if (bytes < Bytes)
        {
            Ticket.Budget.Add(this, bytes - Bytes);
        }
    }

    /// <summary>Marks the lease as held by a value the consumer now has.</summary>
    internal void HandOver() => Ticket.Budget.HandOver(this);

    /// <summary>Gives the bytes back.</summary>
    public void Dispose() => ShrinkTo(0);
}
