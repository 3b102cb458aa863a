using System.Collections;
using System.Text.RegularExpressions;
using GuardAlerts.Core;

namespace GuardAlerts.Cdk.Configuration;

/// <summary>What a user chooses at deploy time with `-c name=value`, read once and validated (every problem at once).</summary>
internal sealed partial record DeploymentSettings
{
    public IReadOnlyList<string> AlertEmails { get; init; } = [];
    public IReadOnlyList<string> AlertPhones { get; init; } = [];
    public Severity SmsMinSeverity { get; init; } = Severity.High;
    public bool CreateTrail { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Reads the settings from the CDK context (strings from `-c`, or JSON values from cdk.json).</summary>
    public static DeploymentSettings FromContext(Func<string, object?> tryGetContext)
    {
        ArgumentNullException.ThrowIfNull(tryGetContext);
        var errors = new List<string>();
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

        var smsMin = Severity.High;
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

        var createTrail = false;
        if (Text(tryGetContext(ContextKeys.CreateTrail)) is { } trailText && !bool.TryParse(trailText, out createTrail))
        {
            errors.Add($"{ContextKeys.CreateTrail}: '{trailText}' is not true or false");
        }

        var regions = List(tryGetContext(ContextKeys.Regions));
        foreach (var region in regions.Where(r => !RegionPattern().IsMatch(r)))
        {
            errors.Add($"{ContextKeys.Regions}: '{region}' is not a region name (e.g. us-east-1)");
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
            Regions = regions.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The severities SMS subscribers receive: the minimum and everything above it.</summary>
    public IReadOnlyList<string> SmsSeverities =>
        Enum.GetValues<Severity>().Where(s => s >= SmsMinSeverity).Select(s => s.Name()).ToList();

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
    private static partial Regex RegionPattern();
}
