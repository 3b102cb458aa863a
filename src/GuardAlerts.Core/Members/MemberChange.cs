namespace GuardAlerts.Core.Members;

/// <summary>A member whose state one check changes: gone silent, or heard again.</summary>
/// <param name="Record">What the ledger held for it.</param>
/// <param name="Name">Its account's name, or null.</param>
/// <param name="Since">Its last heartbeat, or when it was first expected.</param>
public sealed record MemberChange(MemberRecord Record, string? Name, DateTimeOffset Since);
