using Amazon.Runtime;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing.Servers;
using Xunit.Abstractions;

namespace GuardAlerts.Aws.Tests.Ledger;

/// <summary>The issue's budget: per alert at most 3 AWS calls, per duplicate 1, per exempted or ignored event 0.</summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsCallCountTests(DynaliteFixture dynalite, ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_WhenAlertIsNew_ShouldMakeThreeAwsCalls()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        await using var sns = new CaptureServer();
        var publisher = CreatePublisher(sns, context.Clock);

        var claim = await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), TestAlerts.Create());

        Assert.Equal(ClaimStatus.Won, claim.Status);
        Assert.Equal(["UpdateItem", "UpdateItem"], context.Counter.Operations);
        Assert.Single(sns.Requests);
        output.WriteLine($"AWS calls per alert: {context.Counter.Count + sns.Requests.Count} (DynamoDB {string.Join(", ", context.Counter.Operations)}; SNS Publish {sns.Requests.Count})");
    }

    [Fact]
    public async Task RunAsync_WhenAlertIsDuplicate_ShouldMakeOneAwsCall()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        await using var sns = new CaptureServer();
        var publisher = CreatePublisher(sns, context.Clock);
        await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), TestAlerts.Create());
        context.Counter.Reset();
        var publishedBefore = sns.Requests.Count;

        var pendingOrSent = await AlertFlow.RunAsync(context.Ledger, publisher, context.Request("k1"), TestAlerts.Create());

        Assert.Equal(ClaimStatus.Duplicate, pendingOrSent.Status);
        Assert.Equal(["UpdateItem"], context.Counter.Operations);
        Assert.Equal(publishedBefore, sns.Requests.Count);
        output.WriteLine($"AWS calls per duplicate: {context.Counter.Count + sns.Requests.Count - publishedBefore}");
    }

    [Fact]
    public async Task RunAsync_WhenDuplicateArrivesWhileClaimIsPending_ShouldMakeOneAwsCall()
    {
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        await context.ClaimAsync("k1");
        context.Counter.Reset();

        var duplicate = await context.ClaimAsync("k1");

        Assert.Equal(ClaimStatus.Duplicate, duplicate.Status);
        Assert.Equal(1, context.Counter.Count);
    }

    [Fact]
    public async Task Constructors_WhenAdaptersAreBuiltForAnExemptedEvent_ShouldMakeNoAwsCalls()
    {
        // An exempted or ignored event never reaches the ports (Core decides before the claim); the adapters must
        // not add calls of their own either: no table check or warm-up at construction.
        using var context = await LedgerTestContext.CreateAsync(dynalite);
        await using var sns = new CaptureServer();

        _ = new DynamoDbAlertLedger(context.Client, context.Table, LedgerTestContext.Lease, context.Clock);
        _ = CreatePublisher(sns, context.Clock);
        await Task.Delay(100);

        Assert.Equal(0, context.Counter.Count + sns.Requests.Count);
        output.WriteLine("AWS calls per exempted event: 0");
    }

    private static SnsAlertPublisher CreatePublisher(CaptureServer sns, TimeProvider clock) =>
        new(new HttpClient(),
            new SnsPublisherSettings(TopicArn.TryParse(TestAlerts.TopicArn)!, "eu-west-1", sns.Endpoint),
            new BasicAWSCredentials("AKID", "secret"),
            clock);
}
