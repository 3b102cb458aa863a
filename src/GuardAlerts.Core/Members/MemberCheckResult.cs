namespace GuardAlerts.Core.Members;

/// <summary>What one check did.</summary>
/// <param name="Expected">Member regions expected.</param>
/// <param name="Silent">Alerts sent: members newly silent.</param>
/// <param name="Recovered">Messages sent: members heard again.</param>
/// <param name="Problems">Messages that could not be published or recorded, each with its reason (the next check tries again).</param>
/// <param name="ListError">Why the organization's accounts could not be read, or null.</param>
public sealed record MemberCheckResult(int Expected, int Silent, int Recovered, IReadOnlyList<string> Problems, string? ListError);
