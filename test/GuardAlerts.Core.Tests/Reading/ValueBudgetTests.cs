using System.Text;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Core.Tests.Reading;

public class ValueBudgetTests
{
    [Fact]
    public async Task GrowToAsync_WhenTheBudgetIsUsedByALaterInput_ShouldWaitUntilItIsGivenBack()
    {
        var budget = new ValueBudget(100);
        using var first = budget.Join();
        using var second = budget.Join();
        var held = second.Lease();
        await held.GrowToAsync(80, null, CancellationToken.None);
        held.HandOver();
        using var third = budget.Join();

        var waiting = third.Lease().GrowToAsync(30, null, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        held.Dispose();
        await waiting;
        Assert.Equal(30, budget.Held);
    }

    [Fact]
    public async Task GrowToAsync_WhenTheOldestInputNeedsMoreThanIsLeft_ShouldProceedWithOneValueOverTheBudget()
    {
        // The consumer waits on the oldest input: if it waited too, nothing would ever be given back.
        var budget = new ValueBudget(100);
        using var oldest = budget.Join();
        using var later = budget.Join();
        var other = later.Lease();
        await other.GrowToAsync(90, null, CancellationToken.None);

        var big = oldest.Lease();
        await big.GrowToAsync(500, null, CancellationToken.None).AsTask();

        Assert.Equal(590, budget.PeakHeld);
        big.HandOver();
        var next = oldest.Lease().GrowToAsync(10, null, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted); // one value over the budget, not two: it waits for the consumer to free the first
        big.Dispose();
        await next;
    }

    [Fact]
    public async Task GrowToAsync_BeforeWaiting_ShouldHandOnWhatTheReaderCollected()
    {
        var budget = new ValueBudget(10);
        using var oldest = budget.Join();
        using var later = budget.Join();
        await oldest.Lease().GrowToAsync(10, null, CancellationToken.None);
        var drained = 0;

        var waiting = later.Lease().GrowToAsync(5, () => { drained++; return ValueTask.CompletedTask; }, CancellationToken.None).AsTask();
        await Task.Delay(50);

        Assert.Equal(1, drained);
        oldest.Dispose();
        await waiting;
        Assert.Equal(5, budget.Held);
    }

    [Fact]
    public async Task ReadAsync_WhenAValueIsLargerThanTheNormalBuffer_ShouldCountItsBufferThenItsValueAndGiveBothBack()
    {
        var agent = new string('a', 3 * EventReader.NormalBufferBytes);
        var record = $$"""{"eventName":"StopLogging","eventTime":"2026-10-01T10:00:00Z","recipientAccountId":"111122223333","userAgent":"{{agent}}"}""";
        var bytes = Encoding.UTF8.GetBytes(record + "\n" + record.Replace("StopLogging", "DeleteTrail", StringComparison.Ordinal) + "\n");
        var budget = new ValueBudget(1);
        using var ticket = budget.Join();

        var held = new List<long>();
        await foreach (var item in EventReader.ReadAsync(new MemoryStream(bytes), "big.jsonl", filter: null, ticket))
        {
            held.Add(budget.Held);
            Assert.Equal(record.Length, item.Lease?.Bytes);
            item.Lease!.Dispose();
        }

        // The buffer grew to 4 MB for the first value (3 MB beyond the normal 1 MB), then the value itself was held.
        Assert.Equal(2, held.Count);
        Assert.All(held, h => Assert.InRange(h, record.Length, record.Length + (4L * EventReader.NormalBufferBytes)));
        Assert.InRange(budget.PeakHeld, record.Length + (2L * EventReader.NormalBufferBytes), record.Length + (3L * EventReader.NormalBufferBytes));
        Assert.Equal(0, budget.Held);
    }
}
