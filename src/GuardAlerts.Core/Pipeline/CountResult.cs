namespace GuardAlerts.Core.Pipeline;

/// <summary>A threshold window's state after a <see cref="CountRequest"/>.</summary>
/// <param name="Count">The members counted in the window, this one included if it was added.</param>
/// <param name="Added">Whether this call added the member (false: already counted, or the window is full).</param>
/// <param name="Members">The window's members, ordinal order (at most the cap: what the alert shows and dates).</param>
public sealed record CountResult(long Count, bool Added, IReadOnlyList<string> Members);
