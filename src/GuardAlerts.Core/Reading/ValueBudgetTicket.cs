namespace GuardAlerts.Core.Reading;

/// <summary>One input's place in a <see cref="ValueBudget"/>: its reader's leases are taken through it.</summary>
public sealed class ValueBudgetTicket : IDisposable
{
    internal ValueBudgetTicket(ValueBudget budget, long sequence)
    {
        Budget = budget;
        Sequence = sequence;
    }

    internal ValueBudget Budget { get; }

    /// <summary>The input's place in the consumer's order.</summary>
    internal long Sequence { get; }

    /// <summary>Bytes this input's leases hold (guarded by the budget's lock).</summary>
    internal long Held { get; set; }

    /// <summary>Of those, bytes of values handed on to the consumer and not yet freed (guarded by the budget's lock).</summary>
    internal long HandedOver { get; set; }

    /// <summary>The consumer is done with the input: its leases hold nothing any more.</summary>
    internal bool Closed { get; set; }

    /// <summary>A new lease (holding nothing yet).</summary>
    internal ValueLease Lease() => new(this);

    /// <summary>Gives back whatever the input's leases still hold.</summary>
    public void Dispose() => Budget.Close(this);
}
