using System.Globalization;
using GuardAlerts.Core;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Cli.Replay;

/// <summary>Maps decisions (and unreadable inputs) to the JSON Lines record.</summary>
internal static class RecordMapper
{
    public static ReplayRecord From(Decision d) => new(
        d.Id,
        d.Kind is { } kind && !EventKinds.Of(kind).IsHeartbeat ? EventKinds.Of(kind).Name : null,
        Clean(d.Name),
        Clean(d.Account),
        Clean(d.Region),
        d.Time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        d.Outcome.Name(),
        d.Severity?.Name(),
        d.RuleId,
        d.ExemptionId,
        d.DedupKey,
        d.Actor is { } a ? Describe(a) : null,
        d.Alert?.Subject,
        d.Alert?.Sms,
        Clean(d.Reason));

    public static ReplayRecord Unreadable(InputItem item) => new(
        null, null, null, null, null, null, Outcome.Rejected.Name(), null, null, null, null, null, null, null,
        $"{item.Error} at {item.Position}");

    /// <summary>One line: name, identity type, principal ARN and provider label.</summary>
    public static string Describe(Actor a)
    {
        var text = $"{a.Name} ({a.IdentityType})";
        if (a.PrincipalArn is { } arn)
        {
            text += " " + arn;
        }

        if (a.Label is { } label)
        {
            text += " [" + label + "]";
        }

        return TextSanitizer.ToSingleLine(text, 512);
    }

    private static string? Clean(string? text) => text is null ? null : TextSanitizer.ToSingleLine(text, 2048);
}
