namespace GuardAlerts.Core.Reading;

/// <summary>
/// One budget, shared by every reader of a run, for the bytes of values in flight: values read for the full parser
/// and not yet decided, and reader buffers grown past <see cref="EventReader.NormalBufferBytes"/> to hold one. A
/// reader asks before it grows its buffer or hands a value on, and waits while the budget is used up; the reader of
/// the input the consumer is waiting on (the oldest open <see cref="ValueBudgetTicket"/>) always proceeds with one
/// value, so waiting never deadlocks. Memory for values then stays bounded for the process, however many readers run:
/// at most <see cref="Capacity"/> plus that one value (its buffer and its parsed copy). Thread-safe.
/// </summary>
public sealed class ValueBudget
{
    /// <summary>The default: 64 MB of values in flight across all readers (real events are under 300 KB).</summary>
    public const long DefaultBytes = 64L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly SortedSet<long> _open = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next;
    private long _held;
    private long _peak;

    /// <summary>Creates a budget of <paramref name="bytes"/>.</summary>
    public ValueBudget(long bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        Capacity = bytes;
    }

    /// <summary>Bytes readers may hold at once (the one value of the input the consumer waits on aside).</summary>
    public long Capacity { get; }

    /// <summary>Bytes held now.</summary>
    public long Held
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    /// <summary>The most bytes held at once so far.</summary>
    public long PeakHeld
    {
        get
        {
            lock (_gate)
            {
                return _peak;
            }
        }
    }

    /// <summary>A ticket for the next input, in the order the consumer takes the inputs; dispose it when the consumer is done with that input.</summary>
    public ValueBudgetTicket Join()
    {
        lock (_gate)
        {
            var ticket = new ValueBudgetTicket(this, _next++);
            _open.Add(ticket.Sequence);
            return ticket;
        }
    }

    /// <summary>Grows <paramref name="lease"/> by <paramref name="bytes"/>, waiting while the budget is used up.</summary>
    internal async ValueTask GrowAsync(ValueLease lease, long bytes, Func<ValueTask>? beforeWaiting, CancellationToken ct)
    {
        var waited = false;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var ticket = lease.Ticket;
                // The input the consumer waits on may go over the budget, with one value: nothing of it is with the
                // consumer (so nothing it could free first), and the consumer frees it before moving on.
                if (ticket.Closed || _held + bytes <= Capacity || (_open.Min == ticket.Sequence && ticket.HandedOver == 0))
                {
                    Add(lease, bytes);
                    return;
                }

                changed = _changed.Task;
            }

            if (!waited && beforeWaiting is not null)
            {
                // What the reader collected so far must reach the consumer, or the consumer could wait on it forever.
                waited = true;
                await beforeWaiting().ConfigureAwait(false);
                continue;
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Changes what <paramref name="lease"/> holds by <paramref name="bytes"/> (negative: gives bytes back) without waiting.</summary>
    internal void Add(ValueLease lease, long bytes)
    {
        lock (_gate)
        {
            if (lease.Ticket.Closed)
            {
                return;
            }

            lease.Bytes += bytes;
            lease.Ticket.Held += bytes;
            if (lease.HandedOver)
            {
                lease.Ticket.HandedOver += bytes;
            }

            _held += bytes;
            _peak = Math.Max(_peak, _held);
            if (bytes < 0)
            {
                Signal();
            }
        }
    }

    /// <summary>Marks the lease as the consumer's: it holds a value handed on, which the consumer frees.</summary>
    internal void HandOver(ValueLease lease)
    {
        lock (_gate)
        {
            if (!lease.HandedOver && !lease.Ticket.Closed)
            {
                lease.HandedOver = true;
                lease.Ticket.HandedOver += lease.Bytes;
            }
        }
    }

    /// <summary>Gives back everything the ticket's leases hold and lets the next input's reader go first.</summary>
    internal void Close(ValueBudgetTicket ticket)
    {
        lock (_gate)
        {
            if (ticket.Closed)
            {
                return;
            }

            ticket.Closed = true;
            _held -= ticket.Held;
            ticket.Held = 0;
            ticket.HandedOver = 0;
            _open.Remove(ticket.Sequence);
            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
    }
}
