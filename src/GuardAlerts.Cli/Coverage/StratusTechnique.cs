namespace GuardAlerts.Cli.Coverage;

/// <summary>One Stratus Red Team AWS technique and what the table does about it.</summary>
/// <param name="Tactic">The ATT&amp;CK tactic Stratus files it under.</param>
/// <param name="Id">Stratus's id (aws.defense-evasion.cloudtrail-stop).</param>
/// <param name="Name">Stratus's name for it.</param>
/// <param name="Rules">Risk-table rules that alert on it (or on a step of it, when <paramref name="NotCovered"/> says why the technique itself is not seen).</param>
/// <param name="Threshold">The threshold (counting) rule that covers its volume, by id (threshold-...).</param>
/// <param name="Note">How the rules see it.</param>
/// <param name="NotCovered">Why the technique itself raises no alert.</param>
internal sealed record StratusTechnique(string Tactic, string Id, string Name, IReadOnlyList<string> Rules, string? Threshold, string? Note, string? NotCovered);
