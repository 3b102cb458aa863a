namespace GuardAlerts.Core.Rules;

/// <summary>"raise": when the condition holds, the severity goes up by <see cref="Levels"/> (console sign-in without MFA).</summary>
public sealed record SeverityRaise(Condition When, int Levels, string Because);
