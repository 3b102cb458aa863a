using System.Text;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.ReplayFastPath;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Reading;

public class EventReaderFastPathTests
{
    private sealed class NamesSink : IUnmatchedRecordSink
    {
        public List<string> Ids { get; } = [];
        public int Drains { get; private set; }
        public bool NeedsDrain => Ids.Count % 2 == 0;
        public void Accept(in UnmatchedRecord record) => Ids.Add(record.Id());

        public ValueTask DrainAsync(CancellationToken cancellationToken)
        {
            Drains++;
            return ValueTask.CompletedTask;
        }
    }

    private static string Record(string id, string name) =>
        $$"""{"eventID":"{{id}}","eventName":"{{name}}","eventSource":"x.amazonaws.com","eventTime":"2026-10-01T10:00:00Z","recipientAccountId":"111122223333"}""";

    [Fact]
    public async Task ReadAsync_WhenFilterSkipsRecords_ShouldYieldTheOthersInOrderWithTheirLines()
    {
        var names = new[] { "GetObject", "StopLogging", "Decrypt", "Decrypt", "StopLogging", "ListRoles" };
        var json = "{\"Records\":[\n" + string.Join(",\n", names.Select((n, i) => Record("e" + i, n))) + "\n]}\n";
        var sink = new NamesSink();
        var items = new List<InputItem>();

        // A tiny stream buffer is not possible here, so pad the input past the reader's first 64 KB to cross refills.
        var padded = new string(' ', 70_000) + json;
        await foreach (var item in EventReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(padded)), "in.json", new UnmatchedRecordFilter(TestPolicy.Table(), sink)))
        {
            items.Add(item);
        }

        Assert.Equal(["e0", "e2", "e3", "e5"], sink.Ids);
        Assert.Equal(["e1", "e4"], items.Select(i => i.Parsed?.Id));
        Assert.Equal([3L, 6L], items.Select(i => i.Line));
        Assert.True(sink.Drains >= 2);
    }

    [Fact]
    public async Task ReadAsync_WhenFilteredRecordIsBroken_ShouldReportItLikeWithoutTheFilter()
    {
        var text = Record("e0", "GetObject") + "\n" + Record("e1", "GetObject").Replace("}", ",}", StringComparison.Ordinal) + "\n" + Record("e2", "GetObject") + "\n";
        var sink = new NamesSink();
        var items = new List<InputItem>();

        await foreach (var item in EventReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "in.jsonl", new UnmatchedRecordFilter(TestPolicy.Table(), sink)))
        {
            items.Add(item);
        }

        Assert.Equal(["e0", "e2"], sink.Ids);
        var error = Assert.Single(items);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("invalid JSON", error.Error, StringComparison.Ordinal);
    }
}
