using System.Text;
using GuardAlerts.Core.Reading;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>A 50 MB single-line file, generated in a temporary folder at test time (never committed).</summary>
public sealed class LargeInputTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "guard-alerts-hostile", Guid.NewGuid().ToString("n"));

    public LargeInputTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadAndProcess_When50MbSingleLineLogFile_ShouldDecideEveryRecordWithinSnsLimits()
    {
        // Arrange: one line, {"Records":[<a 50 MB record>,<a normal record>]}; the big one's user agent is user text
        // full of line breaks and emoji.
        var path = Path.Combine(_dir, "big.json");
        var agent = string.Concat(Enumerable.Repeat("Terraform\r\n" + HostileEvents.Marker + " 🔥 ", 1_500_000));
        var big = Record("e-big", "trail-a", HostileEvents.Str(agent));
        var small = Record("e-small", "trail-b", "\"aws-cli/2.15.0\"");
        await File.WriteAllTextAsync(path, "{\"Records\":[" + big + "," + small + "]}", new UTF8Encoding(false));
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.InRange(bytes.Length, 50_000_000, 60_000_000);
        Assert.Equal(-1, Array.IndexOf(bytes, (byte)'\n'));

        // Act
        var run = await HostileRun.RunAsync(bytes, path);

        // Assert
        Assert.Equal(["alert", "alert"], run.Results.Select(r => r.Outcome));
        Assert.Equal(["e-big", "e-small"], run.Results.Select(r => r.Decision?.Id));
        Assert.All(run.Published, alert => Assert.Null(SnsAcceptance.Problem(alert)));
        Assert.False(SnsAcceptance.HasLineStartingWith(run.Published[0].EmailBody, HostileEvents.Marker));
    }

    [Fact]
    public async Task OpenFile_When50MbSingleLineOfGarbage_ShouldReportOneErrorAndReadTheNextLine()
    {
        // Arrange: a 50 MB line that never closes its object, then a valid event on the next line.
        var path = Path.Combine(_dir, "garbage.jsonl");
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("{\"detail\":\"");
            var chunk = new string('x', 1_000_000);
            for (var i = 0; i < 50; i++)
            {
                await writer.WriteAsync(chunk);
            }

            await writer.WriteAsync("\n" + HostileEvents.Trailer + "\n");
        }

        // Act
        var items = new List<InputItem>();
        await using (var stream = EventReader.OpenFile(path))
        {
            await foreach (var item in EventReader.ReadAsync(stream, path))
            {
                items.Add(item);
            }
        }

        // Assert
        Assert.Equal(2, items.Count);
        Assert.Contains("truncated JSON", items[0].Error, StringComparison.Ordinal);
        Assert.Equal(1, items[0].Line);
        Assert.Equal("env-f-trailer", items[1].Parsed?.Id);
        Assert.Equal(2, items[1].Line);
    }

    private static string Record(string id, string trail, string userAgent) =>
        "{\"eventVersion\":\"1.08\",\"userIdentity\":" + Support.Json.IamUser + ",\"eventTime\":\"2026-10-01T10:00:00Z\",\"eventSource\":\"cloudtrail.amazonaws.com\","
        + "\"eventName\":\"StopLogging\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":" + userAgent + ","
        + "\"requestParameters\":{\"name\":\"" + trail + "\"},\"eventID\":\"" + id + "\",\"recipientAccountId\":\"111122223333\"}";
}
