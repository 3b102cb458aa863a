using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Reading;

/// <summary>
/// A CloudTrail log file is an object holding its Records and nothing else. An object that also carries an event's
/// own members (an EventBridge envelope beside a "Records" array, before or after it) used to yield its records and
/// drop the rest in silence: a StopLogging event read that way was neither decided nor reported. The members that
/// are not read are now an error naming file and line.
/// </summary>
public class RecordsBesideEventTests
{
    private static readonly string Event = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser);

    private static async Task<List<InputItem>> ReadAsync(string json)
    {
        var items = new List<InputItem>();
        await foreach (var item in EventReader.ReadAsync(new MemoryStream(Json.Utf8(json)), "odd.json"))
        {
            items.Add(item);
        }

        return items;
    }

    public static TheoryData<string, string> EventsBesideRecords => new()
    {
        { "Records first", "{\"Records\":[]," + Event[1..] },
        { "Records first, pretty-printed", "{\n  \"Records\": [\n  ],\n  " + Event[1..] + "\n" },
        { "Records last", Event[..^1] + ",\"Records\":[]}" },
        { "in an array", "[" + Event[..^1] + ",\"Records\":[]}]" },
    };

    [Theory]
    [MemberData(nameof(EventsBesideRecords))]
    public async Task ReadAsync_WhenAnEventSitsBesideRecords_ShouldNotDropItSilently(string shape, string json)
    {
        var items = await ReadAsync(json);

        Assert.True(items.Exists(i => i.Parsed?.Event?.Name == "StopLogging" || (i.Error?.Contains("Records", StringComparison.Ordinal) ?? false)),
            $"{shape}: {items.Count} items, none decides or reports the event");
    }

    [Theory]
    [InlineData("{\"Records\":[]}")]
    [InlineData("{\n  \"Records\": [\n  ]\n}\n")]
    [InlineData("[{\"Records\":[]}]")]
    public async Task ReadAsync_WhenALogFileHoldsOnlyRecords_ShouldReportNothing(string json) =>
        Assert.Empty(await ReadAsync(json));
}
