using System.Text;
using GuardAlerts.Core.Members;

namespace GuardAlerts.Core.Tests.Members;

public sealed class MemberInvocationTests
{
    // The member rule's own scheduled event, as EventBridge passes it on to the central bus.
    private const string Heartbeat = """
        {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event","source":"aws.events",
         "account":"444455556666","time":"2026-12-01T10:00:00Z","region":"eu-west-1",
         "resources":["arn:aws:events:eu-west-1:444455556666:rule/GuardAlertsMember-Heartbeat"],"detail":{}}
        """;

    private static MemberInvocation Read(string json) => MemberInvocation.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_WhenTheMembersHeartbeat_ShouldGiveItsAccountRegionAndTime()
    {
        var read = Read(Heartbeat);

        Assert.Null(read.Rejected);
        Assert.Equal(new MemberId("444455556666", "eu-west-1"), read.Heartbeat);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), read.Time);
    }

    [Fact]
    public void Read_WhenTheCheckSchedulesInput_ShouldBeTheCheck()
    {
        var read = Read("""{"detail-type":"GuardAlerts Member Check","time":"2026-12-01T10:15:00Z"}""");

        Assert.True(read.IsCheck);
        Assert.Null(read.Heartbeat);
        Assert.Null(read.Rejected);
    }

    [Theory]
    [InlineData("rule/GuardAlertsMember-Heartbeat\"", "rule/GuardAlertsMember-Protection\"", "not of the member rule GuardAlertsMember-Heartbeat")]
    [InlineData("eu-west-1:444455556666:rule", "eu-west-1:999900001111:rule", "not of the member rule GuardAlertsMember-Heartbeat")]
    [InlineData("events:eu-west-1", "events:us-east-1", "not of the member rule GuardAlertsMember-Heartbeat")]
    [InlineData("\"source\":\"aws.events\"", "\"source\":\"custom.events\"", "not a member heartbeat: source 'custom.events'")]
    [InlineData("\"detail-type\":\"Scheduled Event\"", "\"detail-type\":\"AWS API Call via CloudTrail\"", "not a member heartbeat")]
    [InlineData("\"account\":\"444455556666\"", "\"account\":\"44445555666\"", "heartbeat account '44445555666' is not a 12-digit account id")]
    [InlineData("\"region\":\"eu-west-1\"", "\"region\":\"Eu West\"", "heartbeat region 'Eu West' is not a region name")]
    [InlineData("\"time\":\"2026-12-01T10:00:00Z\"", "\"time\":\"yesterday\"", "has no valid time: 'yesterday'")]
    [InlineData("\"resources\":[", "\"resources\":[\"arn:aws:events:eu-west-1:444455556666:rule/Other\",", "resources [arn:aws:events:eu-west-1:444455556666:rule/Other, ")]
    public void Read_WhenNotExactlyAMemberHeartbeat_ShouldRejectItSayingWhy(string from, string to, string reason)
    {
        var read = Read(Heartbeat.Replace(from, to, StringComparison.Ordinal));

        Assert.Null(read.Heartbeat);
        Assert.False(read.IsCheck);
        Assert.Contains(reason, read.Rejected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("[1]", "expected an event object, got a JSON array")]
    public void Read_WhenNotAnEvent_ShouldRejectIt(string payload, string reason) =>
        Assert.Contains(reason, Read(payload).Rejected, StringComparison.Ordinal);
}
