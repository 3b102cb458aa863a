namespace GuardAlerts.Core.Rendering;

/// <summary>A rule's specific as read from one event: its label and its distinct values, in the order met.</summary>
/// <param name="Label">The word before the values ("from", "on"); empty for none.</param>
/// <param name="Values">Printable, single-line values; never empty.</param>
public sealed record SpecificText(string Label, IReadOnlyList<string> Values)
{
    /// <summary>"label v1, v2" (every value).</summary>
    public override string ToString() => Prefix + string.Join(", ", Values);

    /// <summary>"label v1 +N" when there are more values than the first: the count says something was left out.</summary>
    public string FirstOnly => Values.Count == 1 ? ToString() : $"{Prefix}{Values[0]} +{Values.Count - 1}";

    private string Prefix => Label.Length == 0 ? "" : Label + " ";
}
