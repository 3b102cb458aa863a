namespace GuardAlerts.Core.Config;

/// <summary>A problem in a policy file, located by file, entry id and field.</summary>
public sealed record ConfigError(string File, string? EntryId, string Field, string Message, bool IsWarning = false)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}: {(IsWarning ? "warning" : "error")}: {(EntryId is null ? "" : $"entry '{EntryId}', ")}field '{Field}': {Message}";
}
