namespace GuardAlerts.Cdk.Configuration;

/// <summary>The Microsoft Teams channel AWS Chatbot posts to (-c teamsTenantId=... -c teamsTeamId=... -c teamsChannelId=...).</summary>
internal sealed record TeamsChannel(string TenantId, string TeamId, string ChannelId);
