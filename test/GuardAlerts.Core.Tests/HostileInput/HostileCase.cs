namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>
/// One hostile or broken input and what it must become: a decision (outcome and rule) or "rejected" with a reason
/// that names the problem. <see cref="Bad"/> is one value's bytes; the runner puts a valid event after it.
/// </summary>
internal sealed record HostileCase(string Name, Func<byte[]> Bad, string Outcome, string Expect, bool InArray = true)
{
    /// <summary>The input must be rejected with a reason containing <paramref name="reason"/>.</summary>
    public static HostileCase Rejected(string name, Func<byte[]> bad, string reason, bool inArray = true) =>
        new(name, bad, "rejected", reason, inArray);

    /// <summary>The input must be decided with <paramref name="outcome"/> by rule <paramref name="rule"/>.</summary>
    public static HostileCase Decided(string name, Func<byte[]> bad, string outcome, string rule, bool inArray = true) =>
        new(name, bad, outcome, rule, inArray);

    public override string ToString() => Name;
}
