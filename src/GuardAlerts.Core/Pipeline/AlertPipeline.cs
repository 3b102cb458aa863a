using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Kinds.CloudTrail;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.ReplayFastPath;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Thresholds;

namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// The decision engine: envelope → typed event → actor → rule → exemption → dedup key → ledger claim → render →
/// publish → confirm. Ports (ledger, publisher, account names) and the clock are injected; the pipeline holds no
/// other state. Account names only label the alert: the dedup key, the exemptions and the decision see ids alone.
/// </summary>
public sealed class AlertPipeline(AlertPolicy policy, IAlertLedger ledger, IAlertPublisher publisher, TimeProvider clock, ActorAttributor? attributor = null,
    IAccountNameSource? accountNames = null)
{
    private readonly ActorAttributor _attributor = attributor ?? new ActorAttributor(policy.ManagedProviders);

    /// <summary>The policy in force.</summary>
    public AlertPolicy Policy => policy;

    /// <summary>
    /// Decides on one parsed event. Throws only when the event could not be processed (ledger or publisher down after
    /// their retries): the claim is released first, so a retry publishes it.
    /// </summary>
    public async ValueTask<Decision> ProcessAsync(ParsedEvent parsed, CancellationToken cancellationToken = default)
    {
        if (parsed.Event is not { } e)
        {
            return Decision.From(parsed, Outcome.Rejected, parsed.Rejection ?? "unreadable event");
        }

        var decision = await DecideAsync(e, parsed, cancellationToken).ConfigureAwait(false);
        if (e is CloudTrailEvent ct && policy.RiskTable.MatchThresholds(e) is { Count: > 0 } counting)
        {
            decision = await CountAsync(ct, decision, counting, cancellationToken).ConfigureAwait(false);
        }

        // Text read as U+FFFD is said wherever the decision is shown (the alert renders it from the event itself).
        return e.RepairedText is { } repaired
            ? decision with { Reason = decision.Reason is null ? repaired.Note : $"{decision.Reason}; {repaired.Note}" }
            : decision;
    }

    private async ValueTask<Decision> DecideAsync(SecurityEvent e, ParsedEvent parsed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var kind = EventKinds.Of(e.Kind);
        var actor = _attributor.Attribute(e);
        var decided = Decision.From(parsed, Outcome.Ignored, null) with { Actor = actor };
        if (kind.Match(policy.RiskTable, e) is not { } match)
        {
            return decided with { Reason = kind.IgnoredReason(policy.RiskTable, e) };
        }

        decided = decided with { RuleId = match.Rule.Id, Severity = match.Severity };
        if (kind.IsHeartbeat)
        {
            // The heartbeat's built-in rule: never exempted, never below the minimum.
            return await PublishAsync(e, actor, match, match.Severity, null, decided, now, cancellationToken).ConfigureAwait(false);
        }

        var severity = match.Severity;
        string? exemptionNote = null;
        // A repaired identity cannot be trusted to match an exemption (a pinned ARN glob, an account): none applies.
        if (e.RepairedText is not { TouchesIdentity: true } && policy.Exemptions.Find(e, actor, now) is { } exemption)
        {
            decided = decided with { ExemptionId = exemption.Id };
            var who = $"exemption '{exemption.Id}' (owner {exemption.Owner}, expires {exemption.Expires:yyyy-MM-dd}): {exemption.Reason}";
            if (exemption.Action == ExemptionAction.Suppress)
            {
                return decided with { Outcome = Outcome.Exempted, Reason = "suppressed by " + who };
            }

            severity = severity.Lower();
            exemptionNote = $"downgraded from {match.Severity.Name()} to {severity.Name()} by {who}";
            decided = decided with { Severity = severity };
        }

        var minimum = policy.RiskTable.MinimumSeverity;
        if (severity < minimum)
        {
            return exemptionNote is null
                ? decided with { Reason = $"severity {severity.Name()} is below the minimum {minimum.Name()} (rule {match.Rule.Id})" }
                : decided with { Outcome = Outcome.Exempted, Reason = $"{exemptionNote}, below the minimum {minimum.Name()}" };
        }

        return await PublishAsync(e, actor, match, severity, exemptionNote, decided, now, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Decision> PublishAsync(SecurityEvent e, Actor actor, RuleMatch match, Severity severity, string? exemptionNote,
        Decision decided, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = DedupKeyBuilder.Build(e, match, actor, severity);
        return await PublishAsync(e, actor, match, severity, exemptionNote, decided, key, now, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Decision> PublishAsync(SecurityEvent e, Actor actor, RuleMatch match, Severity severity, string? exemptionNote,
        Decision decided, DedupKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        decided = decided with { DedupKey = key.Value };
        // Before the claim, so no claim is held while a name is read (the source answers from memory, or within a
        // short bound, and never fails the alert).
        var accountName = accountNames is null ? null : await accountNames.NameOfAsync(e.Account, cancellationToken).ConfigureAwait(false);
        var claim = await ledger.ClaimAsync(new ClaimRequest(key.Value, now, now + key.Retention), cancellationToken).ConfigureAwait(false);
        if (claim.Status == ClaimStatus.Duplicate)
        {
            var state = claim.Sent ? "already alerted" : "an alert for this key is being sent (claim pending)";
            return decided with { Outcome = Outcome.Duplicate, SeenCount = claim.SeenCount, ClaimPending = !claim.Sent, Reason = $"{state}; seen {claim.SeenCount} times" };
        }

        var alert = AlertRenderer.Render(new AlertContext(e, actor, match, severity, key.Value, now, exemptionNote, accountName));
        string messageId;
        try
        {
            messageId = await publisher.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Give the key back so the retry (Lambda's, or the next replay) sends the alert; if even the release
            // fails, the claim's lease expires and the retry after it sends the alert.
            await ReleaseQuietlyAsync(claim).ConfigureAwait(false);
            throw;
        }

        var reason = exemptionNote;
        try
        {
            await ledger.ConfirmAsync(claim, messageId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The alert is out; failing now would make a retry send it again after the lease. Report, don't throw.
            reason = $"{(reason is null ? "" : reason + "; ")}published, but confirming in the ledger failed ({ex.GetType().Name}): "
                + "a duplicate may follow after the claim's lease expires";
        }

        return decided with { Outcome = Outcome.Alert, Alert = alert, MessageId = messageId, SeenCount = claim.SeenCount, Reason = reason };
    }

    /// <summary>
    /// Counts the event for every threshold rule that matches it and publishes each crossing (claim, publish,
    /// confirm, like any alert). An event an exemption suppresses is not counted: an exemption says its principal's
    /// (or account's) activity is expected, and counting it would alert on that activity anyway. A downgrade counts
    /// it and lowers the crossing alert it causes. The event's line shows the crossing's alert when the event itself
    /// did not alert; <see cref="Decision.Thresholds"/> holds every rule's result.
    /// </summary>
    private async ValueTask<Decision> CountAsync(CloudTrailEvent e, Decision decision, IReadOnlyList<RiskRule> rules, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var actor = decision.Actor ?? _attributor.Attribute(e);
        var exemption = e.RepairedText is { TouchesIdentity: true } ? null : policy.Exemptions.Find(e, actor, now);
        var results = new List<ThresholdDecision>();
        foreach (var rule in rules)
        {
            if (exemption is { Action: ExemptionAction.Suppress })
            {
                results.Add(new ThresholdDecision(rule.Id, Outcome.Exempted, 0, null, $"not counted: suppressed by exemption '{exemption.Id}'"));
                continue;
            }

            var (count, crossings) = await ThresholdCounter.CountAsync(rule, e, actor, ledger, now, cancellationToken).ConfigureAwait(false);
            if (crossings.Count == 0)
            {
                results.Add(new ThresholdDecision(rule.Id, Outcome.Ignored, count, null, $"counted: {count} of {rule.Threshold!.Count} {rule.Threshold.Counted} within {rule.Threshold.Window.TotalMinutes} minutes"));
                continue;
            }

            foreach (var crossing in crossings)
            {
                results.Add(await PublishCrossingAsync(e, actor, crossing, exemption, decision, now, cancellationToken).ConfigureAwait(false));
            }
        }

        var crossed = results.Find(r => r.Outcome == Outcome.Alert);
        if (crossed?.Alert is not { } alert || decision.Outcome == Outcome.Alert)
        {
            return decision with { Thresholds = results, Reason = AlsoAlerted(decision.Reason, results, except: null) };
        }

        var reason = Join(alert.Reason, $"the event itself: {decision.Outcome.ToString().ToLowerInvariant()}{(decision.RuleId is null ? "" : $" ({decision.RuleId})")}");
        return alert with { Thresholds = results, Reason = AlsoAlerted(reason, results, except: crossed) };
    }

    /// <summary>
    /// One event can publish several alerts (its own and each crossing it causes) but has one line: the line's reason
    /// names every other alert it published, with its dedup key, so a reader of the line (or of the decision log) can
    /// account for every message sent.
    /// </summary>
    private static string? AlsoAlerted(string? reason, List<ThresholdDecision> results, ThresholdDecision? except)
    {
        foreach (var r in results)
        {
            if (r.Outcome == Outcome.Alert && !ReferenceEquals(r, except))
            {
                reason = Join(reason, $"also alerted: {r.RuleId} (key {r.DedupKey}): {r.Reason}");
            }
        }

        return reason;
    }

    private async ValueTask<ThresholdDecision> PublishCrossingAsync(CloudTrailEvent e, Actor actor, ThresholdCrossing crossing, Exemption? exemption,
        Decision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rule = crossing.Rule;
        var severity = rule.Severity ?? Severity.Medium;
        var decided = decision with { Outcome = Outcome.Ignored, RuleId = rule.Id, Severity = severity, ExemptionId = null, DedupKey = crossing.Key.Value, Alert = null, MessageId = null, SeenCount = null, ClaimPending = false, Reason = crossing.Description };
        string? exemptionNote = null;
        if (exemption is { Action: ExemptionAction.Downgrade })
        {
            severity = severity.Lower();
            exemptionNote = $"downgraded from {(rule.Severity ?? Severity.Medium).Name()} to {severity.Name()} by exemption '{exemption.Id}' (owner {exemption.Owner}, expires {exemption.Expires:yyyy-MM-dd}): {exemption.Reason}";
            decided = decided with { Severity = severity, ExemptionId = exemption.Id };
        }

        if (severity < policy.RiskTable.MinimumSeverity)
        {
            return new ThresholdDecision(rule.Id, Outcome.Ignored, crossing.Count, crossing.Key.Value,
                $"{crossing.Description}; severity {severity.Name()} is below the minimum {policy.RiskTable.MinimumSeverity.Name()}");
        }

        var match = new RuleMatch(rule, severity, [crossing.Description]);
        var published = await PublishAsync(e, actor, match, severity, exemptionNote, decided, crossing.Key, now, cancellationToken).ConfigureAwait(false);
        var reason = Join(crossing.Description, published.Reason);
        return new ThresholdDecision(rule.Id, published.Outcome, crossing.Count, crossing.Key.Value, reason, published with { Reason = reason });
    }

    private static string Join(string? first, string? second) => first is null ? second ?? "" : second is null ? first : $"{first}; {second}";

    private async ValueTask ReleaseQuietlyAsync(LedgerClaim claim)
    {
        try
        {
            await ledger.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease expiry recovers the claim; the publish failure is what the caller must see.
            _ = ex;
        }
    }

    /// <summary>
    /// Decides on a CloudTrail record that <see cref="UnmatchedRecordFilter"/> found no rule can match, without the
    /// full event model: the same decision <see cref="ProcessAsync"/> makes for it (ignored, with actor and reason).
    /// </summary>
    public Decision DecideUnmatched(in UnmatchedRecord record) => new()
    {
        Outcome = Outcome.Ignored,
        Id = record.Id(),
        Kind = EventKind.CloudTrail,
        Name = record.Name,
        Account = record.Account,
        Region = record.Region,
        Time = record.Time,
        Actor = record.Attribute(_attributor),
        Reason = CloudTrailKind.Instance.NoRuleReason(record.Name),
    };

    /// <summary>Why an event no rule matches is ignored: "no risk-table rule matches CloudTrail event 'X'".</summary>
    public static string NoRuleReason(EventKind kind, string name) => EventKinds.Of(kind).NoRuleReason(name);
}
