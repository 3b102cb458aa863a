using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Tests.Configuration;

public sealed class ChatSettingsTests
{
    public const string Tenant = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    public const string Team = "11111111-2222-3333-4444-555555555555";
    public const string TeamsChannel = "19%3a0123456789abcdef0123456789abcdef%40thread.tacv2";

    private static DeploymentSettings Read(params (string Key, string Value)[] context) =>
        DeploymentSettings.FromContext(k => context.Where(c => c.Key == k).Select(c => (object?)c.Value).FirstOrDefault(), context.Select(c => c.Key));

    [Fact]
    public void FromContext_WithSlackAndTeams_ShouldReadBothChannels()
    {
        var settings = Read(("slackWorkspaceId", "T0123ABCD"), ("slackChannelId", "C0123ABCD"),
            ("teamsTenantId", Tenant), ("teamsTeamId", Team), ("teamsChannelId", TeamsChannel));

        Assert.Equal(new SlackChannel("T0123ABCD", "C0123ABCD"), settings.Slack);
        Assert.Equal(new TeamsChannel(Tenant, Team, TeamsChannel), settings.Teams);
        Assert.True(settings.HasChat);
    }

    [Fact]
    public void FromContext_WithAChatChannelOnly_ShouldCountItAsASubscriber()
    {
        var settings = Read(("slackWorkspaceId", "T0123ABCD"), ("slackChannelId", "C0123ABCD"));

        Assert.Empty(settings.AlertEmails);
        Assert.False(settings.AllowNoSubscribers);
    }

    [Theory]
    [InlineData("slackWorkspaceId", "T0123ABCD", "slackChannelId is missing: slackWorkspaceId, slackChannelId go together")]
    [InlineData("slackChannelId", "C0123ABCD", "slackWorkspaceId is missing")]
    [InlineData("teamsTenantId", Tenant, "teamsTeamId is missing")]
    [InlineData("teamsChannelId", TeamsChannel, "teamsTenantId is missing")]
    public void FromContext_WithPartOfAChannel_ShouldNameTheMissingKey(string key, string value, string message)
    {
        var error = Assert.Throws<DeploymentSettingsException>(() => Read(("alertEmails", "a@x.com"), (key, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slackWorkspaceId", "t0123abcd", "'t0123abcd' is not a Slack workspace id")]
    [InlineData("slackChannelId", "#security", "'#security' is not a Slack channel id")]
    [InlineData("teamsTenantId", "contoso.onmicrosoft.com", "is not a Microsoft Teams tenant id: a GUID")]
    [InlineData("teamsTeamId", "11111111-2222-3333-4444-55555555555", "is not a Microsoft Teams team id: a GUID")]
    [InlineData("teamsChannelId", "19:0123@thread.tacv2", "is not a Microsoft Teams channel id as in the channel's link, URL-encoded")]
    public void FromContext_WithAMalformedId_ShouldRefuseIt(string key, string value, string message)
    {
        (string, string)[] valid = key.StartsWith("slack", StringComparison.Ordinal)
            ? [("slackWorkspaceId", "T0123ABCD"), ("slackChannelId", "C0123ABCD")]
            : [("teamsTenantId", Tenant), ("teamsTeamId", Team), ("teamsChannelId", TeamsChannel)];
        var context = valid.Select(v => v.Item1 == key ? (key, value) : v).Append(("alertEmails", "a@x.com")).ToArray();

        var error = Assert.Throws<DeploymentSettingsException>(() => Read(context));

        Assert.Contains($"{key}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
