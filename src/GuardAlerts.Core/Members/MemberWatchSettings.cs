namespace GuardAlerts.Core.Members;

/// <summary>What the central stack expects of its members.</summary>
/// <param name="CentralAccount">The central account: never expected (its own canary watches it).</param>
/// <param name="Regions">The regions every expected account should send heartbeats from.</param>
/// <param name="Accounts">The configured member accounts (memberAccounts); empty when the organization is read instead.</param>
public sealed record MemberWatchSettings(string CentralAccount, IReadOnlyList<string> Regions, IReadOnlyList<string> Accounts)
{
    /// <summary>How long without a heartbeat makes a member silent: two hourly heartbeats missed.</summary>
    public TimeSpan SilenceWindow { get; init; } = TimeSpan.FromHours(2);
}
