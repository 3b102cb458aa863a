using System.Diagnostics.CodeAnalysis;

namespace GuardAlerts.Core;

/// <summary>Severity arithmetic and the GuardDuty score bands.</summary>
public static class SeverityExtensions
{
    /// <summary>Raises a severity by <paramref name="levels"/>, capped at Critical.</summary>
    public static Severity Raise(this Severity severity, int levels = 1) =>
        (Severity)Math.Clamp((int)severity + levels, (int)Severity.Informational, (int)Severity.Critical);

    /// <summary>Lowers a severity by <paramref name="levels"/>, floored at Informational.</summary>
    public static Severity Lower(this Severity severity, int levels = 1) => severity.Raise(-levels);

    /// <summary>
    /// GuardDuty's documented bands: 0.1-3.9 Low, 4.0-6.9 Medium, 7.0-8.9 High, 9.0-10.0 Critical.
    /// Scores outside 0-10 (or NaN) have no band: the caller rejects the finding.
    /// </summary>
    public static bool TryFromGuardDutyScore(double score, out Severity severity)
    {
        severity = Severity.Informational;
        if (double.IsNaN(score) || score < 0 || score > 10)
        {
            return false;
        }

        severity = score switch
        {
            >= 9.0 => Severity.Critical,
            >= 7.0 => Severity.High,
            >= 4.0 => Severity.Medium,
            _ => Severity.Low,
        };
        return true;
    }

    /// <summary>Parses a severity name, ignoring case.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Severity? severity)
    {
        severity = null;
        if (string.IsNullOrWhiteSpace(text) || !Enum.TryParse<Severity>(text, ignoreCase: true, out var parsed)
            || !Enum.IsDefined(parsed) || char.IsDigit(text.Trim()[0]) || text.Trim()[0] == '-')
        {
            return false;
        }

        severity = parsed;
        return true;
    }

    /// <summary>The canonical name, as used in config files and message attributes.</summary>
    public static string Name(this Severity severity) => severity switch
    {
        Severity.Informational => "Informational",
        Severity.Low => "Low",
        Severity.Medium => "Medium",
        Severity.High => "High",
        Severity.Critical => "Critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
