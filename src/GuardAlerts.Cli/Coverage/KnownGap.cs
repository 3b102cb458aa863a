namespace GuardAlerts.Cli.Coverage;

/// <summary>Something the risk table knowingly does not alert on, the ATT&amp;CK techniques it concerns, and why.</summary>
internal sealed record KnownGap(string What, IReadOnlyList<string> Techniques, string Why);
