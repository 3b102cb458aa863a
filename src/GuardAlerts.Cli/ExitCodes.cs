namespace GuardAlerts.Cli;

/// <summary>The CLI's exit codes (a contract: scripts test them).</summary>
internal static class ExitCodes
{
    /// <summary>Every input was read.</summary>
    public const int Ok = 0;

    /// <summary>Some input could not be read or parsed; each was reported on stderr and the rest processed.</summary>
    public const int InputErrors = 1;

    /// <summary>Usage or configuration errors.</summary>
    public const int UsageOrConfig = 2;
}
