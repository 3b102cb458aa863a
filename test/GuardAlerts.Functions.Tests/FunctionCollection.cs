namespace GuardAlerts.Functions.Tests;

/// <summary>One published bootstrap and one dynalite for every function test class.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionCollection : ICollectionFixture<PublishedBootstrap>
{
    public const string Name = "function";
}
