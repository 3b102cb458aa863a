namespace GuardAlerts.Aws.Tests.Configuration;

/// <summary>Tests that set process environment variables run alone: the environment is shared by every test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
