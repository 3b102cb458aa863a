using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Aws.Tests.Infrastructure;

/// <summary>One dynalite server shared by the ledger test classes.</summary>
[CollectionDefinition(Name)]
public sealed class DynaliteCollection : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
