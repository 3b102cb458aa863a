using GuardAlerts.Core.Members;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>
/// The real store, whose first <paramref name="failures"/> state writes fail (DynamoDB unavailable after the SDK's
/// retries), every write of the account names when <paramref name="namesFail"/>, and every first-expected write when
/// <paramref name="markExpectedFails"/>, and every read of the account names when <paramref name="namesReadFails"/>.
/// </summary>
internal sealed class FailingStateStore(IMemberStore inner, int failures, bool namesFail = false, bool markExpectedFails = false, bool namesReadFails = false) : IMemberStore
{
    private int _stateWrites;

    public ValueTask RecordHeartbeatAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken) =>
        inner.RecordHeartbeatAsync(member, time, cancellationToken);

    public ValueTask<IReadOnlyList<MemberId>> ReadRegistryAsync(CancellationToken cancellationToken) => inner.ReadRegistryAsync(cancellationToken);

    public ValueTask<IReadOnlyDictionary<MemberId, MemberRecord>> ReadAsync(IReadOnlyCollection<MemberId> members, CancellationToken cancellationToken) =>
        inner.ReadAsync(members, cancellationToken);

    public ValueTask MarkExpectedAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken) =>
        markExpectedFails ? throw new HttpRequestException("DynamoDB is unavailable") : inner.MarkExpectedAsync(member, time, cancellationToken);

    public ValueTask SetStateAsync(MemberId member, bool silent, DateTimeOffset? silentSince, CancellationToken cancellationToken) =>
        ++_stateWrites <= failures
            ? throw new HttpRequestException("DynamoDB is unavailable")
            : inner.SetStateAsync(member, silent, silentSince, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, string>> ReadNamesAsync(CancellationToken cancellationToken) =>
        namesReadFails ? throw new HttpRequestException("DynamoDB is unavailable") : inner.ReadNamesAsync(cancellationToken);

    public ValueTask WriteNamesAsync(IReadOnlyDictionary<string, string> names, DateTimeOffset updatedAt, CancellationToken cancellationToken) =>
        namesFail ? throw new HttpRequestException("DynamoDB is unavailable") : inner.WriteNamesAsync(names, updatedAt, cancellationToken);

    public ValueTask<string?> ReadNoticeDayAsync(CancellationToken cancellationToken) => inner.ReadNoticeDayAsync(cancellationToken);

    public ValueTask WriteNoticeDayAsync(string day, CancellationToken cancellationToken) => inner.WriteNoticeDayAsync(day, cancellationToken);
}
