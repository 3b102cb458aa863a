namespace GuardAlerts.Core.Rules;

/// <summary>
/// One fact a responder needs first about an event of a rule (the port and CIDR opened, the policy attached, the
/// finding type), read from the event by path and shown in the subject, the SMS and the e-mail.
/// </summary>
/// <param name="Label">Word put before the values ("from", "on", "grants"); empty for none.</param>
/// <param name="Paths">Paths to the values, relative to each item of <paramref name="ItemPaths"/> (or to the event).</param>
/// <param name="ItemPaths">Paths to the items read one by one (each security group permission); none: the event itself.</param>
/// <param name="Shape">How the values read as text.</param>
public sealed record Specific(string Label, IReadOnlyList<JsonPath> Paths, IReadOnlyList<JsonPath> ItemPaths, SpecificShape Shape);
