namespace GuardAlerts.Core.Members;

/// <summary>The organization's accounts as AWS Organizations lists them.</summary>
/// <param name="Active">Every ACTIVE account: id to name.</param>
/// <param name="ManagementAccount">The management account's id (expected only once it has sent a heartbeat).</param>
public sealed record AccountListing(IReadOnlyDictionary<string, string> Active, string ManagementAccount);
