using System.Globalization;
using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Core.Members;

/// <summary>
/// The organization-wide canary: records the members' heartbeats and, on each check, alerts once when a member has
/// been silent longer than the window and once when it is heard again. Each message is published before its state is
/// written: a failed publish leaves the state as it was (the next check sends it), and a failed state write means the
/// message may be sent again, never that it is skipped.
/// </summary>
public sealed class MemberWatch(MemberWatchSettings settings, IMemberStore store, IOrganizationAccounts? directory, IAlertPublisher pager, TimeProvider clock)
{
    /// <summary>Records a heartbeat (the store keeps the latest time, so a late or repeated one changes nothing).</summary>
    public ValueTask RecordAsync(MemberId member, DateTimeOffset time, CancellationToken cancellationToken)
    {
        // A heartbeat stamped later than now would hide the next silence until that time: it counts as now.
        var now = clock.GetUtcNow();
        return store.RecordHeartbeatAsync(member, time > now ? now : time, cancellationToken);
    }

    /// <summary>Runs one check over every expected member.</summary>
    public async Task<MemberCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var registry = await store.ReadRegistryAsync(cancellationToken).ConfigureAwait(false);
        AccountListing? listing = null;
        string? listError = null;
        if (directory is not null)
        {
            try
            {
                listing = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                listError = ex.Message;
            }
        }

        var problems = new List<string>();
        if (listing is not null)
        {
            // The names only decorate messages: failing to keep them must not hold back an alert.
            await TryAsync(() => store.WriteNamesAsync(listing.Active, now, cancellationToken), "recording the account names", problems).ConfigureAwait(false);
        }

        // Organizations throttled or refused: the last successful read still tells which registered accounts had left
        // the organization (or were no longer ACTIVE), so they are not reported silent for every failed read.
        IReadOnlyDictionary<string, string>? lastKnown = null;
        if (listError is not null)
        {
            await TryAsync(async () => lastKnown = await store.ReadNamesAsync(cancellationToken).ConfigureAwait(false), "reading the last known accounts", problems).ConfigureAwait(false);
        }

        var expected = Expected(registry, listing, lastKnown);
        var records = await store.ReadAsync(expected, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string>? names = listing?.Active ?? lastKnown;
        var goneSilent = new List<MemberChange>();
        var heardAgain = new List<MemberChange>();
        foreach (var member in expected)
        {
            var record = records.GetValueOrDefault(member);
            if (record is null || (record.LastSeen is null && record.FirstExpected is null))
            {
                // Never heard and never expected before: its two hours start now. A failed write is tried again by the
                // next check and must not stop this one from telling about the others.
                await TryAsync(() => store.MarkExpectedAsync(member, now, cancellationToken), $"{member}: recording when it was first expected", problems).ConfigureAwait(false);
                continue;
            }

            var since = (record.LastSeen ?? record.FirstExpected)!.Value;
            var isSilent = now - since > settings.SilenceWindow;
            // Silent again after being heard since the last alert is a new silence, with its own alert.
            var alertSilent = isSilent && (!record.Silent || (record.SilentSince is { } reported && since > reported));
            var alertRecovered = !isSilent && record.Silent;
            if (alertSilent || alertRecovered)
            {
                if (names is null)
                {
                    IReadOnlyDictionary<string, string>? read = null;
                    await TryAsync(async () => read = await store.ReadNamesAsync(cancellationToken).ConfigureAwait(false),
                        "reading the account names (the messages give ids only)", problems).ConfigureAwait(false);
                    // The names only decorate messages: a failed read sends them with ids, once per check, not per member.
                    names = read ?? new Dictionary<string, string>();
                }

                (alertSilent ? goneSilent : heardAgain).Add(new MemberChange(record, names.GetValueOrDefault(member.Account), since));
            }
        }

        var silent = await TellAsync(goneSilent, true, now, problems, cancellationToken).ConfigureAwait(false);
        var recovered = await TellAsync(heardAgain, false, now, problems, cancellationToken).ConfigureAwait(false);

        if (listError is not null)
        {
            await NoticeAsync(listError, registry.Count, now, problems, cancellationToken).ConfigureAwait(false);
        }

        return new MemberCheckResult(expected.Count, silent, recovered, problems, listError);
    }

    /// <summary>
    /// (expected accounts but the central one x expected regions) and every member that ever sent a heartbeat, less,
    /// when the organization was read, the accounts that left it or are no longer ACTIVE. The management
    /// account is listed but cannot hold a service-managed StackSet instance: it is expected once it is heard. When
    /// the organization could not be read, <paramref name="lastKnown"/> (the accounts of the last successful read, if
    /// any) stands in for it to leave out the accounts that had left.
    /// </summary>
    internal List<MemberId> Expected(IReadOnlyList<MemberId> registry, AccountListing? listing, IReadOnlyDictionary<string, string>? lastKnown = null)
    {
        var active = listing?.Active ?? (lastKnown is { Count: > 0 } ? lastKnown : null);
        var accounts = listing is null ? settings.Accounts : [.. listing.Active.Keys.Where(a => a != listing.ManagementAccount)];
        // The central account's own stack has its canary, but a member stack it runs in another region (the one that
        // forwards the organization's GuardDuty findings there) has only its heartbeat: watched once heard, like the
        // management account's.
        var expected = new HashSet<MemberId>(accounts.Where(a => a != settings.CentralAccount).SelectMany(a => settings.Regions.Select(r => new MemberId(a, r))));
        expected.UnionWith(registry);
        expected.RemoveWhere(m => active is not null && !active.ContainsKey(m.Account));
        return [.. expected.OrderBy(m => m.Account, StringComparer.Ordinal).ThenBy(m => m.Region, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Members that changed state in one check are told one message each up to this many; more (a StackSet update that
    /// broke every heartbeat, a central bus policy that no longer admits the organization) are told in one message,
    /// so that a mass silence cannot send the pager topic's phones thousands of SMS and use up the SMS spend limit the
    /// real alerts need.
    /// </summary>
    public const int MaxSingleMessages = 10;

    // Publishes the message(s) for one kind of change, then records each member's state; returns how many were told.
    private async Task<int> TellAsync(List<MemberChange> changes, bool silent, DateTimeOffset now, List<string> problems, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        var told = changes.Count <= MaxSingleMessages
            ? await TellEachAsync(changes, silent, now, problems, cancellationToken).ConfigureAwait(false)
            : await SendAsync(silent ? MemberMessages.SilentMany(changes, now) : MemberMessages.RecoveredMany(changes),
                $"{changes.Count} members {(silent ? "silent" : "recovered")}", problems, cancellationToken).ConfigureAwait(false)
                ? changes
                : [];
        var recorded = 0;
        foreach (var change in told)
        {
            var member = change.Record.Member;
            if (await TryAsync(() => store.SetStateAsync(member, silent, silent ? change.Since : null, cancellationToken),
                    $"{member}: recording the state after the message (it may be sent again)", problems).ConfigureAwait(false))
            {
                recorded++;
            }
        }

        return recorded;
    }

    private async Task<List<MemberChange>> TellEachAsync(List<MemberChange> changes, bool silent, DateTimeOffset now, List<string> problems, CancellationToken cancellationToken)
    {
        var told = new List<MemberChange>(changes.Count);
        foreach (var change in changes)
        {
            var (record, name, since) = (change.Record, change.Name, change.Since);
            var message = silent
                ? MemberMessages.Silent(record.Member, name, record.LastSeen, record.FirstExpected, now)
                : MemberMessages.Recovered(record.Member, name, record.SilentSince ?? since, since);
            if (await SendAsync(message, $"{record.Member} {(silent ? "silent" : "recovered")}", problems, cancellationToken).ConfigureAwait(false))
            {
                told.Add(change);
            }
        }

        return told;
    }

    // One notice a day at most: the day is recorded after the publish, like every other state.
    private async Task NoticeAsync(string reason, int registered, DateTimeOffset now, List<string> problems, CancellationToken cancellationToken)
    {
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (await store.ReadNoticeDayAsync(cancellationToken).ConfigureAwait(false) == day)
        {
            return;
        }

        if (await SendAsync(MemberMessages.ListFailed(reason, registered, settings.Accounts.Count, settings.Regions), "the notice that the accounts could not be read", problems, cancellationToken).ConfigureAwait(false))
        {
            await TryAsync(() => store.WriteNoticeDayAsync(day, cancellationToken), "recording the notice's day (it may be sent again)", problems).ConfigureAwait(false);
        }
    }

    private Task<bool> SendAsync(Rendering.RenderedAlert message, string what, List<string> problems, CancellationToken cancellationToken) =>
        TryAsync(async () => await pager.PublishAsync(message, cancellationToken).ConfigureAwait(false), "publishing " + what, problems);

    // One member's failure must not stop the others: it is reported, and the next check tries again.
    private static async Task<bool> TryAsync(Func<ValueTask> action, string what, List<string> problems)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"{what}: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }
}
