using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>The dedup ledger: the schema the DynamoDB adapter expects, on demand, recoverable, encrypted.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class LedgerTableTests(CdkSynthFixture synth)
{
    [Fact]
    public void Table_ShouldHaveTheLedgerSchemaOnDemandWithRecoveryAndEncryption()
    {
        synth.Template("us-east-1").HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "pk", ["KeyType"] = "HASH" } },
            ["AttributeDefinitions"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "pk", ["AttributeType"] = "S" } },
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "expiresAt", ["Enabled"] = true },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
            ["SSESpecification"] = new Dictionary<string, object> { ["SSEEnabled"] = true },
        });
    }

    [Fact]
    public void Table_ShouldHaveNoPhysicalName()
    {
        var table = Assert.Single(TemplateJson.Resources(synth.Json("us-east-1"), "AWS::DynamoDB::Table")).Properties;
        Assert.Null(table["TableName"]);
    }
}
