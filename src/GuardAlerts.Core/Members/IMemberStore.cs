namespace GuardAlerts.Core.Members;

/// <summary>Where the member watch keeps its state (the ledger table in production).</summary>
public interface IMemberStore
{
    /// <summary>Records a heartbeat: last seen becomes the later of the stored time and <paramref name="time"/>, and the member joins the registry.</summary>
    ValueTask RecordHeartbeatAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Every member that ever sent a heartbeat.</summary>
    ValueTask<IReadOnlyList<MemberId>> ReadRegistryAsync(CancellationToken cancellationToken);

    /// <summary>The records of these members; a member with no record is absent from the result.</summary>
    ValueTask<IReadOnlyDictionary<MemberId, MemberRecord>> ReadAsync(IReadOnlyCollection<MemberId> members, CancellationToken cancellationToken);

    /// <summary>Sets the member's first-expected time unless it has one.</summary>
    ValueTask MarkExpectedAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Records what the last alert about the member said.</summary>
    ValueTask SetStateAsync(MemberId member, bool silent, DateTimeOffset? silentSince, CancellationToken cancellationToken);

    /// <summary>The account names of the last successful Organizations read (empty when none).</summary>
    ValueTask<IReadOnlyDictionary<string, string>> ReadNamesAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the account names with a fresh Organizations read.</summary>
    ValueTask WriteNamesAsync(IReadOnlyDictionary<string, string> names, DateTimeOffset updatedAt, CancellationToken cancellationToken);

    /// <summary>The UTC day (yyyy-MM-dd) the last "expected accounts could not be read" notice was sent, or null.</summary>
    ValueTask<string?> ReadNoticeDayAsync(CancellationToken cancellationToken);

    /// <summary>Records the day a notice was sent.</summary>
    ValueTask WriteNoticeDayAsync(string day, CancellationToken cancellationToken);
}
