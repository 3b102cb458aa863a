namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// Adds a member to a threshold window's count: an event (its time and a hash of its id: a plain count) or the
/// distinct value it counts (a user name, an instance id). A member already present is not counted again, so a retry
/// of the same event (Lambda's, EventBridge's second delivery, a replay run twice) never counts twice.
/// </summary>
/// <param name="Key">The window: rule, group and window start.</param>
/// <param name="Member">What is counted (at most 128 characters; the caller hashes longer values).</param>
/// <param name="Cap">The most members the window keeps; once full, nothing more is added (the count stays at the cap).</param>
/// <param name="Now">The current time (from the injected clock).</param>
/// <param name="RetainUntil">How long the ledger must remember the window.</param>
public sealed record CountRequest(string Key, string Member, int Cap, DateTimeOffset Now, DateTimeOffset RetainUntil);
