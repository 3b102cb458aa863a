namespace GuardAlerts.Core.Members;

/// <summary>What the ledger holds for one member region.</summary>
/// <param name="Member">The account and region.</param>
/// <param name="LastSeen">The latest heartbeat's time, or null when none arrived.</param>
/// <param name="FirstExpected">When a check first expected it (the start of a never-seen member's silence), or null.</param>
/// <param name="Silent">Whether the last alert sent about it said "silent".</param>
/// <param name="SilentSince">The start of the silence that alert reported (the last heartbeat, or first expected).</param>
public sealed record MemberRecord(MemberId Member, DateTimeOffset? LastSeen, DateTimeOffset? FirstExpected, bool Silent, DateTimeOffset? SilentSince);
