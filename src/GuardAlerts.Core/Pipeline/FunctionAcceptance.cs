namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// Which decisions the functions accept (report success to Lambda) and which they fail, so that Lambda retries the
/// event and the dead-letter queue keeps it: a rejected event, and a duplicate of a claim another invocation still
/// holds unconfirmed (it may have died between claim and publish; after the lease, a retry finds the alert confirmed
/// or the claim free). Redrive deletes a message only for a decision the function would accept.
/// </summary>
public static class FunctionAcceptance
{
    /// <summary>The Lambda error type of a rejected event.</summary>
    public const string RejectedEvent = "GuardAlerts.RejectedEvent";

    /// <summary>The Lambda error type of a duplicate whose claim is still pending.</summary>
    public const string ClaimPending = "GuardAlerts.ClaimPending";

    /// <summary>Why the function would fail the invocation for this decision; null when it accepts it.</summary>
    public static FunctionRefusal? Refusal(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision switch
        {
            { Outcome: Outcome.Rejected } => new(RejectedEvent, decision.Reason ?? "rejected"),
            { Outcome: Outcome.Duplicate, ClaimPending: true } =>
                new(ClaimPending, $"another invocation holds an unconfirmed claim on {decision.DedupKey}; retry after its lease"),
            _ => null,
        };
    }
}
