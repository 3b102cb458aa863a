using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Events;

/// <summary>
/// Text in an event that was not valid Unicode (a JSON escape of half a UTF-16 surrogate pair, such as "\uD800") and
/// was read as U+FFFD so that the event is still decided. Fields that decide which event it is (eventName,
/// eventSource, ids, times, detail-type, finding type) are never repaired: such an event is rejected instead.
/// </summary>
public sealed record RepairedText
{
    private const int FieldsShown = 5;

    /// <summary>The repaired strings, as paths into the event as written ("detail.userAgent", "requestParameters.name").</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>
    /// Some repaired field is one that attribution or the exemption list reads (who, which account and region, from
    /// where, with which client): the actor cannot be trusted to match an exemption, so none applies.
    /// </summary>
    public required bool TouchesIdentity { get; init; }

    /// <summary>One line for the alert and the decision's reason.</summary>
    public string Note
    {
        get
        {
            var shown = string.Join(", ", Fields.Take(FieldsShown).Select(f => f.Length == 0 ? "(the value)" : f));
            var more = Fields.Count > FieldsShown ? $" and {Fields.Count - FieldsShown} more" : "";
            var note = $"invalid text (a lone UTF-16 surrogate escape) read as U+FFFD in {TextSanitizer.ToSingleLine(shown, 300)}{more}";
            return TouchesIdentity ? note + "; no exemption applied, because identity fields were repaired" : note;
        }
    }
}
