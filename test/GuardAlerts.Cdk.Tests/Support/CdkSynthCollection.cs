namespace GuardAlerts.Cdk.Tests.Support;

/// <summary>
/// The tests that share the one real `cdk synth`, and every in-process synth: the jsii runtime serves one caller at
/// a time, so every test that builds CDK constructs is in this one collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CdkSynthCollection : ICollectionFixture<CdkSynthFixture>, ICollectionFixture<InProcessStacksFixture>, ICollectionFixture<OrganizationStacksFixture>
{
    public const string Name = "cdk synth";
}
