using System.Text.Json;
using GuardAlerts.Core.Members;

namespace GuardAlerts.Core.Tests.Members;

public sealed class MemberMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 30, 0, TimeSpan.Zero);
    private static readonly MemberId Member = new("444455556666", "eu-west-1");

    [Fact]
    public void Silent_WhenTheMemberWasHeard_ShouldNameItsLastHeartbeatTheCausesAndWhatToCheck()
    {
        var message = MemberMessages.Silent(Member, "Payments prod", Now.AddHours(-3), null, Now);

        Assert.Equal("GuardAlerts: member 444455556666 eu-west-1 silent for 3 h 0 min", message.Subject);
        Assert.Contains("Account:        444455556666 (Payments prod)", message.EmailBody, StringComparison.Ordinal);
        Assert.Contains("Last heartbeat: 2026-12-01 09:30 UTC", message.EmailBody, StringComparison.Ordinal);
        Assert.Contains("GuardAlertsMember-eu-west-1-Forward", message.EmailBody, StringComparison.Ordinal);
        Assert.Contains("events:PutEvents", message.EmailBody, StringComparison.Ordinal);
        Assert.Contains("--stack-instance-account 444455556666 --stack-instance-region eu-west-1", message.EmailBody, StringComparison.Ordinal);
        Assert.Contains("aws events describe-rule --name GuardAlertsMember-Heartbeat --region eu-west-1", message.EmailBody, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(message.MessageJson);
        Assert.Equal(message.EmailBody, json.RootElement.GetProperty("email").GetString());
        Assert.Equal(message.Sms, json.RootElement.GetProperty("sms").GetString());
        Assert.Empty(message.Attributes);
    }

    [Fact]
    public void Silent_WhenNeverHeard_ShouldSayNeverAndSinceWhenItWasExpected()
    {
        var message = MemberMessages.Silent(Member, null, null, Now.AddDays(-2).AddHours(-1), Now);

        Assert.Equal("GuardAlerts: member 444455556666 eu-west-1 silent for 2 days 1 h", message.Subject);
        Assert.Contains("Last heartbeat: never (expected since 2026-11-29 11:30 UTC)", message.EmailBody, StringComparison.Ordinal);
        Assert.Contains("Account:        444455556666\n", message.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Recovered_ShouldNameHowLongTheMemberWasSilent()
    {
        var message = MemberMessages.Recovered(Member, null, Now.AddHours(-5).AddMinutes(-10), Now);

        Assert.Equal("GuardAlerts: member 444455556666 eu-west-1 heard again after 5 h 10 min", message.Subject);
        Assert.Contains("after 5 h 10 min of silence (since 2026-12-01 07:20 UTC)", message.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_WhenTheAccountNameIsLongAndNotAscii_ShouldKeepTheSubjectAndSmsWithinSnsLimits()
    {
        var name = new string('\u00e9', 300) + "\n\u0007";
        var silent = MemberMessages.Silent(Member, name, null, Now.AddHours(-3), Now);
        var failed = MemberMessages.ListFailed(new string('x', 500), 3, 0, ["eu-west-1"]);

        Assert.All(new[] { silent, failed }, m =>
        {
            Assert.True(m.Subject.Length <= 99 && m.Subject.All(c => c is >= ' ' and <= '~'), m.Subject);
            Assert.True(m.Sms.Length <= 140, m.Sms);
        });
        Assert.DoesNotContain('\u0007', silent.EmailBody);
    }

    [Fact]
    public void SilentMany_WhenMoreMembersThanItLists_ShouldListTheFirstCountTheRestAndFitTheSms()
    {
        var changes = Enumerable.Range(0, MemberMessages.MaxListed + 5)
            .Select(i => new MemberChange(new MemberRecord(new MemberId((100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "ap-southeast-2"), Now.AddHours(-3), null, false, null), "Sandbox\nSeverity: Low", Now.AddHours(-3)))
            .ToList();

        var message = MemberMessages.SilentMany(changes, Now);

        Assert.Equal("GuardAlerts: 1005 member regions silent for 3 h 0 min or more", message.Subject);
        Assert.Contains("- 100000000999 (Sandbox Severity: Low)  ap-southeast-2  2026-12-01 09:30 UTC  3 h 0 min\n- and 5 more\n", message.EmailBody, StringComparison.Ordinal);
        Assert.DoesNotContain("100000001000", message.EmailBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\nSeverity", message.EmailBody, StringComparison.Ordinal);
        Assert.True(message.Sms.Length <= 140, message.Sms);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(message.MessageJson) < 256 * 1024);
    }

    [Fact]
    public void Silent_WhenTheNameTriesToCloseItsParentheses_ShouldKeepItWithinThem()
    {
        var message = MemberMessages.Silent(Member, "x) in us-east-1 is fine (", Now.AddHours(-3), null, Now);

        Assert.Contains("GuardAlerts: member 444455556666 (x] in us-east-1 is fine [) in eu-west-1 is silent.", message.EmailBody, StringComparison.Ordinal);
    }
}
