using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Cli.Replay;

/// <summary>The outcomes `replay --only` prints (every outcome is still counted in the summary).</summary>
internal sealed class OutcomeFilter
{
    private readonly HashSet<Outcome> _outcomes;

    private OutcomeFilter(HashSet<Outcome> outcomes) => _outcomes = outcomes;

    /// <summary>Every outcome name, in the order the help and errors list them.</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<Outcome>().Select(o => o.Name()).ToArray();

    public bool Shows(Outcome outcome) => _outcomes.Contains(outcome);

    /// <summary>Parses "alert,exempted"; on a bad value, the error names it and the allowed values.</summary>
    public static (OutcomeFilter? Filter, string? Error) Parse(string text)
    {
        var outcomes = new HashSet<Outcome>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var match = Enum.GetValues<Outcome>().Where(o => o.Name() == part).ToList();
            if (match.Count == 0)
            {
                return (null, $"--only: '{Core.Text.DisplayText.Name(part)}' is not an outcome; give one or more of {string.Join(", ", Names)}, separated by commas (for example --only alert,exempted)");
            }

            outcomes.Add(match[0]);
        }

        return (new OutcomeFilter(outcomes), null);
    }
}
