using System.Collections;
using System.Text.RegularExpressions;
using GuardAlerts.Core;
using GuardAlerts.Core.Accounts;

namespace GuardAlerts.Cdk.Configuration;

/// <summary>What a user chooses at deploy time with `-c name=value`, read once and validated (every problem at once).</summary>
internal sealed partial record DeploymentSettings
{
    public IReadOnlyList<string> AlertEmails { get; init; } = [];
    public IReadOnlyList<string> AlertPhones { get; init; } = [];

    /// <summary>Critical only by default: an everyday change (a Terraform apply creating security groups) must not text anyone at night.</summary>
    public Severity SmsMinSeverity { get; init; } = Severity.Critical;

    public bool CreateTrail { get; init; }

    /// <summary>The one region whose stack creates the multi-region trail, however the regions are deployed.</summary>
    public string TrailRegion { get; init; } = DefaultTrailRegion;

    public IReadOnlyList<string> Regions { get; init; } = [];

    public bool AllowNoSubscribers { get; init; }

    /// <summary>The Slack channel for chat notifications, or null.</summary>
    public SlackChannel? Slack { get; init; }

    /// <summary>The Microsoft Teams channel for chat notifications, or null.</summary>
    public TeamsChannel? Teams { get; init; }

    /// <summary>Whether a chat channel is configured: the stack then has a chat topic and channel configurations.</summary>
    public bool HasChat => Slack is not null || Teams is not null;

    /// <summary>Whether the threshold rules on read-only calls get their EventBridge rules (opt-in: they cost the most).</summary>
    public bool CountReadOnlyCalls { get; init; }

    /// <summary>The names alerts give accounts beside their ids (docs/organizations.md "Account names").</summary>
    public AccountNames AccountNames { get; init; } = AccountNames.Empty;

    /// <summary>Standalone, central or member, and what each needs (docs/organizations.md).</summary>
    public OrganizationSettings Organization { get; init; } = new();

    public const string DefaultTrailRegion = "us-east-1";

    /// <summary>
    /// Reads the settings from the CDK context (strings from `-c`, or JSON values from cdk.json). <paramref name="keys"/>
    /// are all the context's keys: a key in the app's namespace that the app does not read (a typo such as
    /// alertEmail) is an error, so a setting is never silently ignored.
    /// </summary>
    public static DeploymentSettings FromContext(Func<string, object?> tryGetContext, IEnumerable<string>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(tryGetContext);
        var errors = new List<string>();
        foreach (var key in (keys ?? []).Where(k => ContextKeys.IsAppKey(k) && !ContextKeys.Known.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add($"unknown setting '{key}' (the settings are {string.Join(", ", ContextKeys.Known)})");
        }

        var emails = List(tryGetContext(ContextKeys.AlertEmails));
        foreach (var email in emails.Where(e => !EmailPattern().IsMatch(e)))
        {
            errors.Add($"{ContextKeys.AlertEmails}: '{email}' is not an e-mail address");
        }

        var phones = List(tryGetContext(ContextKeys.AlertPhones));
        foreach (var phone in phones.Where(p => !PhonePattern().IsMatch(p)))
        {
            errors.Add($"{ContextKeys.AlertPhones}: '{phone}' is not an E.164 phone number (+ and 8 to 15 digits, e.g. +15551234567)");
        }

        var smsMin = Severity.Critical;
        if (Text(tryGetContext(ContextKeys.SmsMinSeverity)) is { } severityText)
        {
            if (SeverityExtensions.TryParse(severityText, out var parsed))
            {
                smsMin = parsed.Value;
            }
            else
            {
                errors.Add($"{ContextKeys.SmsMinSeverity}: '{severityText}' is not one of Informational, Low, Medium, High, Critical");
            }
        }

        var createTrail = Flag(tryGetContext, ContextKeys.CreateTrail, errors);
        var allowNoSubscribers = Flag(tryGetContext, ContextKeys.AllowNoSubscribers, errors);
        var countReadOnlyCalls = Flag(tryGetContext, ContextKeys.CountReadOnlyCalls, errors);
        var trailRegion = Text(tryGetContext(ContextKeys.TrailRegion)) ?? DefaultTrailRegion;
        if (!RegionPattern().IsMatch(trailRegion))
        {
            errors.Add($"{ContextKeys.TrailRegion}: '{trailRegion}' is not a region name (e.g. us-east-1)");
        }

        var regions = List(tryGetContext(ContextKeys.Regions));
        foreach (var region in regions.Where(r => !RegionPattern().IsMatch(r)))
        {
            errors.Add($"{ContextKeys.Regions}: '{region}' is not a region name (e.g. us-east-1)");
        }

        var slack = ChatSettings.Slack(tryGetContext, errors);
        var teams = ChatSettings.Teams(tryGetContext, errors);
        // A chat channel receives every alert (not the canary), every alarm and every self-protection message.
        var chat = slack is not null || teams is not null;
        var organization = OrganizationSettings.FromContext(tryGetContext, k => Text(tryGetContext(k)), errors);
        var accountNames = AccountNamesBudget.Check(AccountNames.Parse(Text(tryGetContext(ContextKeys.AccountNames)), ContextKeys.AccountNames, errors), errors);
        if (organization.Mode == DeploymentMode.Member)
        {
            // A member publishes nothing itself: its events are alerted on by the central stack, to the central stack's subscribers.
            foreach (var key in new[]
                {
                    ContextKeys.AlertEmails, ContextKeys.AlertPhones, ContextKeys.CreateTrail, ContextKeys.TrailRegion, ContextKeys.AllowNoSubscribers, ContextKeys.Regions,
                    ContextKeys.SlackWorkspaceId, ContextKeys.SlackChannelId, ContextKeys.TeamsTenantId, ContextKeys.TeamsTeamId, ContextKeys.TeamsChannelId,
                    ContextKeys.AccountNames,
                }.Where(k => Text(tryGetContext(k)) is not null))
            {
                errors.Add($"{key} does not apply to {ContextKeys.Deployment}=member: a member only forwards (the central stack alerts its own subscribers), "
                    + "and its StackSet chooses the accounts and regions");
            }
        }
        else if (emails.Count == 0 && phones.Count == 0 && !chat && !allowNoSubscribers)
        {
            errors.Add($"no subscriber: give {ContextKeys.AlertEmails} and/or {ContextKeys.AlertPhones} (or a Slack or Teams channel), or {ContextKeys.AllowNoSubscribers}=true "
                + "to deploy a stack that alerts nobody until someone subscribes to its topics");
        }

        // SMS takes smsMinSeverity and up only; with no e-mail address everything below it would be published and
        // filtered out for every subscription, silently. The same explicit consent covers it as a stack with no subscriber.
        if (phones.Count > 0 && emails.Count == 0 && !chat && smsMin > Severity.Informational && !allowNoSubscribers)
        {
            errors.Add($"{ContextKeys.AlertPhones} without {ContextKeys.AlertEmails}: SMS takes {smsMin.Name()} alerts and up only, so every alert below "
                + $"{smsMin.Name()} would reach nobody; give {ContextKeys.AlertEmails}, or -c {ContextKeys.SmsMinSeverity}=Informational to text every alert, "
                + $"or {ContextKeys.AllowNoSubscribers}=true to deploy anyway until someone subscribes to the alert topic");
        }

        if (createTrail && regions.Count > 0 && !regions.Contains(trailRegion))
        {
            errors.Add($"{ContextKeys.CreateTrail}: the trail is created by the stack in {ContextKeys.TrailRegion} {trailRegion}, which is not in {ContextKeys.Regions}; "
                + $"add it or set -c {ContextKeys.TrailRegion}=<one of them>");
        }

        if (errors.Count > 0)
        {
            throw new DeploymentSettingsException("invalid deployment settings: " + string.Join("; ", errors));
        }

        return new DeploymentSettings
        {
            AlertEmails = emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            AlertPhones = phones.Distinct(StringComparer.Ordinal).ToList(),
            SmsMinSeverity = smsMin,
            CreateTrail = createTrail,
            TrailRegion = trailRegion,
            AllowNoSubscribers = allowNoSubscribers,
            CountReadOnlyCalls = countReadOnlyCalls,
            Slack = slack,
            Teams = teams,
            Regions = regions.Distinct(StringComparer.Ordinal).ToList(),
            Organization = organization,
            AccountNames = accountNames,
        };
    }

    /// <summary>The severities SMS subscribers receive: the minimum and everything above it.</summary>
    public IReadOnlyList<string> SmsSeverities =>
        Enum.GetValues<Severity>().Where(s => s >= SmsMinSeverity).Select(s => s.Name()).ToList();

    private static bool Flag(Func<string, object?> tryGetContext, string key, List<string> errors)
    {
        if (Text(tryGetContext(key)) is not { } text)
        {
            return false;
        }

        if (!bool.TryParse(text, out var value))
        {
            errors.Add($"{key}: '{text}' is not true or false");
        }

        return value;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s when string.IsNullOrWhiteSpace(s) => null,
        string s => s.Trim(),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim(),
    };

    // `-c a=x,y` gives a string; cdk.json can hold a JSON array.
    private static List<string> List(object? value) => value switch
    {
        null => [],
        string s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
        IEnumerable items => items.Cast<object?>().Select(Text).OfType<string>().ToList(),
        _ => Text(value) is { } one ? [one] : [],
    };

    [GeneratedRegex(@"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    internal static partial Regex RegionPattern();
}
