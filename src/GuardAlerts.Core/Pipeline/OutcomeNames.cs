namespace GuardAlerts.Core.Pipeline;

/// <summary>The lower-case names used in JSON Lines output and logs.</summary>
public static class OutcomeNames
{
    /// <summary>"alert", "exempted", "duplicate", "ignored" or "rejected".</summary>
    public static string Name(this Outcome outcome) => outcome switch
    {
        Outcome.Alert => "alert",
        Outcome.Exempted => "exempted",
        Outcome.Duplicate => "duplicate",
        Outcome.Ignored => "ignored",
        Outcome.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}
