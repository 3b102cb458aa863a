namespace GuardAlerts.Cdk.Configuration;

/// <summary>The Slack channel AWS Chatbot posts to (-c slackWorkspaceId=... -c slackChannelId=...).</summary>
internal sealed record SlackChannel(string WorkspaceId, string ChannelId);
