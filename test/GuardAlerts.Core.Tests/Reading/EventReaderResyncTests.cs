using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Reading;

/// <summary>
/// A broken record must cost that record, not the rest of the file: in a log file's Records array (pretty-printed or
/// on one line) reading resumes at the next record, in JSON Lines at the next line however it is indented, and the
/// error says how many records were skipped and where reading resumed.
/// </summary>
public class EventReaderResyncTests
{
    private static string Record(int i, string extra = "") =>
        $$"""{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice"},"eventTime":"2026-10-01T10:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","requestParameters":{"name":"t{{i}}","tags":[{"key":"a","value":"b"},{"key":"c","value":"d"}]}{{extra}},"eventID":"e{{i}}","recipientAccountId":"111122223333"}""";

    private static string Pretty(string json, int indent) =>
        string.Join("\n", JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Split('\n').Select(l => new string(' ', indent) + l));

    /// <summary>Cut inside the nested tags array: the scanner's depth never returns to zero before the file ends.</summary>
    private static string Truncated(string record) => record[..record.IndexOf("\"c\"", StringComparison.Ordinal)];

    private static async Task<List<InputItem>> ReadAsync(string text)
    {
        var items = new List<InputItem>();
        await foreach (var item in EventReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "in.json"))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public async Task ReadAsync_WhenPrettyPrintedLogFileHasATruncatedRecord_ShouldReadEveryOtherRecord()
    {
        var records = Enumerable.Range(0, 5).Select(i => Pretty(Record(i), 4)).ToList();
        records[1] = Truncated(records[1]).TrimEnd();
        var text = "{\n  \"Records\": [\n" + string.Join(",\n", records) + "\n  ]\n}\n";
        var resumeLine = 1 + text[..text.IndexOf("\"e2\"", StringComparison.Ordinal)].Split('\n')[..^1].Length
            - Pretty(Record(2), 4).Split('\n').TakeWhile(l => !l.Contains("\"e2\"", StringComparison.Ordinal)).Count();

        var items = await ReadAsync(text);

        Assert.Equal(["e0", null, "e2", "e3", "e4"], items.Select(i => i.Parsed?.Id));
        Assert.Contains($"(1 record skipped; reading resumes on line {resumeLine})", items[1].Error, StringComparison.Ordinal);
        Assert.Equal(resumeLine, items[2].Line);
        Assert.Equal(4, items.Count(i => i.Parsed?.Event is not null));
    }

    [Fact]
    public async Task ReadAsync_WhenOneLineLogFileHasTwoTruncatedRecords_ShouldResumeAtTheNextWholeRecordAndCountBoth()
    {
        var text = "{\"Records\":[" + Record(0) + "," + Truncated(Record(1)) + "," + Truncated(Record(2)) + "," + Record(3) + "," + Record(4) + "]}";

        var items = await ReadAsync(text);

        Assert.Equal(["e0", null, "e3", "e4"], items.Select(i => i.Parsed?.Id));
        Assert.Contains("(2 records skipped; reading resumes on line 1)", items[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenRecordIsCutInsideAString_ShouldResumeAtTheNextRecord()
    {
        // The open quote makes every later quote pair up wrongly: the scanner's view of the rest is garbage.
        var cut = Record(1)[..(Record(1).IndexOf("StopLogging", StringComparison.Ordinal) + 4)];
        var text = "{\"Records\":[\n" + Record(0) + ",\n" + cut + ",\n" + Record(2) + ",\n" + Record(3) + "\n]}\n";

        var items = await ReadAsync(text);

        Assert.Equal(["e0", null, "e2", "e3"], items.Select(i => i.Parsed?.Id));
        Assert.Contains("1 record skipped; reading resumes on line 4", items[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenTheLastRecordIsTruncated_ShouldReportOneErrorSayingSo()
    {
        var text = "{\"Records\":[\n  " + Pretty(Record(0), 2).TrimStart() + ",\n  " + Truncated(Pretty(Record(1), 2).TrimStart());

        var items = await ReadAsync(text);

        Assert.Equal(["e0", null], items.Select(i => i.Parsed?.Id));
        Assert.Equal("truncated JSON: the value starting here never ends (1 record skipped, to the end of the input)", items[1].Error);
    }

    [Fact]
    public async Task ReadAsync_WhenJsonLinesAreIndentedAndOneIsBroken_ShouldResumeOnTheNextLine()
    {
        var lines = Enumerable.Range(0, 5).Select(i => " " + Record(i)).ToList();
        lines[1] = " " + Truncated(Record(1));

        var items = await ReadAsync(string.Join("\n", lines) + "\n");

        Assert.Equal(["e0", null, "e2", "e3", "e4"], items.Select(i => i.Parsed?.Id));
        Assert.Contains("(1 record skipped; reading resumes on line 3)", items[1].Error, StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], items.Select(i => i.Line));
    }

    [Fact]
    public async Task ReadAsync_WhenBrokenJsonLinesLineIsFollowedByIndentedLines_ShouldResumeAtTheFirstWholeOne()
    {
        var text = Truncated(Record(0)) + "\n\t" + Truncated(Record(1)) + "\n  " + Record(2) + "\n" + Record(3) + "\n";

        var items = await ReadAsync(text);

        Assert.Equal([null, "e2", "e3"], items.Select(i => i.Parsed?.Id));
        Assert.Contains("(2 records skipped; reading resumes on line 3)", items[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_WhenPrettyPrintedEventIsTruncated_ShouldNotResumeInsideIt()
    {
        // Its nested array elements start lines with '{' too, deeper than the event itself: no place to resume.
        var text = Truncated(Pretty(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ",\"requestParameters\":{\"tags\":[{\"key\":\"a\"},{\"key\":\"c\",\"v\":1}]}"), 0));

        var items = await ReadAsync(text);

        Assert.Equal("truncated JSON: the value starting here never ends (1 record skipped, to the end of the input)", Assert.Single(items).Error);
    }
}
