namespace GuardAlerts.Core;

/// <summary>Alert severity, ordered from least to most urgent.</summary>
public enum Severity
{
    /// <summary>Worth recording, not worth waking anyone.</summary>
    Informational = 0,
    /// <summary>Review when convenient.</summary>
    Low = 1,
    /// <summary>Review today.</summary>
    Medium = 2,
    /// <summary>Act today.</summary>
    High = 3,
    /// <summary>Act now.</summary>
    Critical = 4,
}
