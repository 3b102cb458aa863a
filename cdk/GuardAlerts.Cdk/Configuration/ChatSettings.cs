using System.Text.RegularExpressions;

namespace GuardAlerts.Cdk.Configuration;

/// <summary>
/// Reads the chat channels from the context: each set of ids all or nothing, each id in the format CloudFormation
/// documents for AWS::Chatbot::SlackChannelConfiguration and AWS::Chatbot::MicrosoftTeamsChannelConfiguration (a
/// wrong id would otherwise fail only in the middle of a deployment, or reach the wrong channel).
/// </summary>
internal static partial class ChatSettings
{
    public static SlackChannel? Slack(Func<string, object?> tryGetContext, List<string> errors)
    {
        var ids = Read(tryGetContext, errors, (ContextKeys.SlackWorkspaceId, SlackWorkspacePattern(), "a Slack workspace id: capital letters and digits, e.g. T0123ABCD"),
            (ContextKeys.SlackChannelId, SlackChannelPattern(), "a Slack channel id: letters and digits, e.g. C0123ABCD"));
        return ids is null ? null : new SlackChannel(ids[0], ids[1]);
    }

    public static TeamsChannel? Teams(Func<string, object?> tryGetContext, List<string> errors)
    {
        var ids = Read(tryGetContext, errors, (ContextKeys.TeamsTenantId, GuidPattern(), "a Microsoft Teams tenant id: a GUID"),
            (ContextKeys.TeamsTeamId, GuidPattern(), "a Microsoft Teams team id: a GUID"),
            (ContextKeys.TeamsChannelId, TeamsChannelPattern(), "a Microsoft Teams channel id as in the channel's link, URL-encoded: 19%3a...%40thread.tacv2"));
        return ids is null ? null : new TeamsChannel(ids[0], ids[1], ids[2]);
    }

    private static List<string>? Read(Func<string, object?> tryGetContext, List<string> errors, params (string Key, Regex Pattern, string Format)[] keys)
    {
        var values = keys.Select(k => (k.Key, Value: tryGetContext(k.Key) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)?.Trim() : null))
            .Select(k => (k.Key, Value: string.IsNullOrEmpty(k.Value) ? null : k.Value))
            .ToList();
        if (values.All(v => v.Value is null))
        {
            return null;
        }

        var ok = true;
        foreach (var missing in values.Where(v => v.Value is null))
        {
            errors.Add($"{missing.Key} is missing: {string.Join(", ", keys.Select(k => k.Key))} go together");
            ok = false;
        }

        foreach (var (key, pattern, format) in keys)
        {
            var value = values.Single(v => v.Key == key).Value;
            if (value is not null && (value.Length > 256 || !pattern.IsMatch(value)))
            {
                errors.Add($"{key}: '{value}' is not {format}");
                ok = false;
            }
        }

        return ok ? values.Select(v => v.Value!).ToList() : null;
    }

    [GeneratedRegex("^[0-9A-Z]{1,255}$")]
    private static partial Regex SlackWorkspacePattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,256}$")]
    private static partial Regex SlackChannelPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("^[a-zA-Z0-9-_=+/.,]*%3[aA][a-zA-Z0-9-_=+/.,]*%40[a-zA-Z0-9-_=+/.,]*$")]
    private static partial Regex TeamsChannelPattern();
}
