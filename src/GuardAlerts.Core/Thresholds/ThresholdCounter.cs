using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Thresholds;

/// <summary>
/// Counts one event for one threshold rule in the ledger and finds the crossings it causes. The event counts in two
/// overlapping windows (<see cref="ThresholdWindows"/>); a window crosses level L when a member this event added
/// brings its count to exactly L's multiple (the ledger gives each added member its own count, so exactly one
/// caller sees it), or when this event was already counted there (a retry: the first attempt may have died before
/// its alert went out; the alert's claim keeps it to one). A crossing in the later of the event's two windows is left
/// to the earlier one when that one, which holds this event too, has reached the same multiple: one burst, one alert.
/// The earlier window never defers: the window before it does not hold this event, and its count may be a previous,
/// separate burst.
/// </summary>
public static class ThresholdCounter
{
    // A CloudTrail list (SendCommand's instanceIds) is counted item by item, up to this many per event.
    private const int MaxValuesPerEvent = 50;
    private const int MaxMemberLength = 128;
    private const int MaxExamples = 5;

    /// <summary>Counts <paramref name="e"/> and returns the highest window count and the crossings to alert on.</summary>
    public static async ValueTask<(long Count, IReadOnlyList<ThresholdCrossing> Crossings)> CountAsync(
        RiskRule rule, CloudTrailEvent e, Actor actor, IAlertLedger ledger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var spec = rule.Threshold ?? throw new ArgumentException("not a threshold rule", nameof(rule));
        var members = Members(spec, e);
        if (members.Count == 0 || e.Time is not { } time)
        {
            return (0, []);
        }

        var values = GroupValues(spec, e, actor);
        var group = string.Join("#", values.Select(DedupKeyBuilder.Escape));
        var (earlier, later) = ThresholdWindows.Of(time, spec.Window);
        var retainUntil = now + ThresholdWindows.Length(spec.Window) + DedupKeyBuilder.RedeliveryMargin;
        var crossings = new List<ThresholdCrossing>();
        long highest = 0;
        // The earlier window first: the later one's crossing looks at it, and must see this event already counted.
        foreach (var start in new[] { earlier, later })
        {
            var windowKey = WindowKey(rule, group, start);
            var level = 0;
            CountResult? last = null;
            foreach (var member in members)
            {
                var result = await ledger.CountAsync(new CountRequest(windowKey, member, spec.Cap, now, retainUntil), cancellationToken).ConfigureAwait(false);
                last = result;
                var reached = spec.LevelOf(result.Count);
                if (result.Added && reached > 0 && result.Count == spec.CountFor(reached))
                {
                    level = Math.Max(level, reached);
                }
                else if (!result.Added && reached > 0 && result.Members.Contains(member, StringComparer.Ordinal))
                {
                    level = Math.Max(level, reached);
                }
            }

            highest = Math.Max(highest, last?.Count ?? 0);
            if (level == 0 || last is null)
            {
                continue;
            }

            // Only the later window defers, and only to the earlier one, which this event was just counted in: that
            // window's count then holds the crossing event. The window before the earlier one never holds this event;
            // deferring to it would take a previous, separate burst's alert for this one and lose this one.
            if (start == later
                && await ledger.ReadCountAsync(WindowKey(rule, group, earlier), now, cancellationToken).ConfigureAwait(false) >= spec.CountFor(level))
            {
                continue;
            }

            var alertKey = new DedupKey(DedupKeyBuilder.Bound($"{windowKey}#x{spec.CountFor(level).ToString(CultureInfo.InvariantCulture)}"),
                ThresholdWindows.Length(spec.Window) + DedupKeyBuilder.RedeliveryMargin);
            crossings.Add(new ThresholdCrossing(rule, level, last.Count, alertKey, Describe(spec, rule, values, start, last, e)));
        }

        return (highest, crossings);
    }

    /// <summary>The values each count is kept per, in groupBy order ("-" for a field the event lacks).</summary>
    public static IReadOnlyList<string> GroupValues(ThresholdSpec spec, CloudTrailEvent e, Actor actor) =>
        [.. spec.GroupBy.Select(field => field switch
        {
            "account" => e.Account ?? "-",
            "region" => e.Region ?? "-",
            "principal" => actor.DedupPrincipal,
            _ => First(new JsonPath(field), e.Detail) ?? "-",
        })];

    private static string WindowKey(RiskRule rule, string group, DateTimeOffset start) =>
        DedupKeyBuilder.Bound($"th#{rule.Id}#{group}#{start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    private static List<string> Members(ThresholdSpec spec, CloudTrailEvent e)
    {
        if (spec.Distinct.Count == 0)
        {
            // The event's time keeps "first" and "last" readable from the window alone; the id's hash makes it this
            // event, so a retry finds itself already counted.
            var id = e.Record.EventId ?? e.Id;
            return [$"{e.Time!.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}|{Hash(id)[..16]}"];
        }

        var values = new List<JsonElement>();
        foreach (var path in spec.Distinct)
        {
            path.Collect(e.Detail, values);
        }

        return [.. values.Select(JsonRead.ScalarText).OfType<string>().Where(v => v.Length > 0)
            .Select(v => v.Length <= MaxMemberLength ? v : "sha256:" + Hash(v)).Distinct(StringComparer.Ordinal).Take(MaxValuesPerEvent)];
    }

    private static string Describe(ThresholdSpec spec, RiskRule rule, IReadOnlyList<string> group, DateTimeOffset start, CountResult window, CloudTrailEvent e)
    {
        var by = string.Join(", ", spec.GroupBy.Zip(group).Select(p => $"{p.First} {p.Second}"));
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{window.Count} {spec.Counted} by {by} within {Minutes(spec.Window)} minutes (threshold {spec.Count}; window {Clock(start)} to {Clock(start + ThresholdWindows.Length(spec.Window))} UTC)");
        if (spec.Distinct.Count == 0)
        {
            var times = window.Members.Select(m => long.TryParse(m.AsSpan(0, Math.Max(0, m.IndexOf('|'))), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : (long?)null)
                .OfType<long>().ToList();
            if (times.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"; first {Clock(DateTimeOffset.FromUnixTimeSeconds(times.Min()))}, last {Clock(DateTimeOffset.FromUnixTimeSeconds(times.Max()))}");
            }

            if (CloudTrailDedupKey.Target(e, rule) is { } target and not "-")
            {
                text.Append(CultureInfo.InvariantCulture, $"; this one on {target}");
            }
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"; e.g. {string.Join(", ", window.Members.Take(MaxExamples))}{(window.Members.Count > MaxExamples ? ", ..." : "")}");
        }

        return TextSanitizer.ToSingleLine(text.ToString(), 600);
    }

    private static string Minutes(TimeSpan window) => window.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Clock(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? First(JsonPath path, JsonElement detail)
    {
        var values = new List<JsonElement>();
        path.Collect(detail, values);
        return values.Count > 0 ? JsonRead.ScalarText(values[0]) : null;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
