namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>The tests that share the one real `cdk synth`.</summary>
[CollectionDefinition(Name)]
public sealed class CdkSynthCollection : ICollectionFixture<CdkSynthFixture>, ICollectionFixture<InProcessStacksFixture>
{
    public const string Name = "cdk synth";
}
