namespace GuardAlerts.Cdk.Configuration;

/// <summary>Invalid `-c` settings; the message names each setting and what is wrong with it.</summary>
internal sealed class DeploymentSettingsException : Exception
{
    public DeploymentSettingsException() { }

    public DeploymentSettingsException(string message) : base(message) { }

    public DeploymentSettingsException(string message, Exception innerException) : base(message, innerException) { }
}
