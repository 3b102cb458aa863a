namespace GuardAlerts.Core.Exemptions;

/// <summary>Why an exemption's match is refused (or, as a warning, allowed but wide), naming the field.</summary>
public sealed record ExemptionProblem(string Field, string Message, bool IsWarning = false);
