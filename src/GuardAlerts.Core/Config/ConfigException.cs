namespace GuardAlerts.Core.Config;

/// <summary>Thrown when a policy file cannot be used; carries every error found, not just the first.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(IReadOnlyList<ConfigError> errors)
        : base("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors)) => Errors = errors;

    public ConfigException() : this([]) { }

    public ConfigException(string message) : base(message) => Errors = [];

    public ConfigException(string message, Exception inner) : base(message, inner) => Errors = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ConfigError> Errors { get; }
}
