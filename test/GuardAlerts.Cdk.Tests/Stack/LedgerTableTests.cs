using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Routing;
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

    /// <summary>
    /// Anyone allowed dynamodb:PutItem by their own policies could pre-seed "sent" entries and turn the next alerts
    /// into silent duplicates. The table's resource policy denies every item write to every principal but the
    /// functions' roles and the redrive role (an explicit deny in a resource policy wins over any allow), evaluated
    /// here as deployed: the ARNs in the policy must be the roles' real ARNs.
    /// </summary>
    [Theory]
    [InlineData("dynamodb:PutItem")]
    [InlineData("dynamodb:UpdateItem")]
    [InlineData("dynamodb:DeleteItem")]
    [InlineData("dynamodb:BatchWriteItem")]
    [InlineData("dynamodb:PartiQLInsert")]
    [InlineData("dynamodb:PartiQLUpdate")]
    [InlineData("dynamodb:PartiQLDelete")]
    public void ResourcePolicy_ShouldDenyItemWritesToEveryoneButThePipelinesRoles(string action)
    {
        var stack = new DeployedStack(CdkSynthFixture.StackName("eu-west-1"), "eu-west-1", synth.Json("eu-west-1"));
        var table = Assert.Single(stack.Resources("AWS::DynamoDB::Table")).Properties;
        var statements = stack.Resolve(table["ResourcePolicy"]!["PolicyDocument"]!["Statement"])!.AsArray().Select(s => s!.AsObject()).ToList();
        var roles = stack.Resources("AWS::IAM::Role").Select(r => stack.GetAtt(r.Id, "Arn")).ToList();
        var functionRoles = stack.Resources("AWS::Lambda::Function").Select(f => stack.GetAtt(TemplateJson.GetAttTarget(f.Properties["Role"])!, "Arn")).ToList();
        var redrive = stack.ResolveText(synth.Json("eu-west-1")["Outputs"]!["RedriveRoleArn"]!["Value"]);

        Assert.Equal(roles.Order(StringComparer.Ordinal), functionRoles.Append(redrive).Order(StringComparer.Ordinal));
        Assert.All(roles, r => Assert.False(Denied(statements, action, r), $"{action} by {r} is denied"));
        foreach (var other in new[] { $"arn:aws:iam::{DeployedStack.Account}:role/Admin", $"arn:aws:iam::{DeployedStack.Account}:user/mallory", $"arn:aws:iam::{DeployedStack.Account}:root" })
        {
            Assert.True(Denied(statements, action, other), $"{action} by {other} is not denied");
        }

        // Reads, and the control plane (administrators delete the stack), stay open.
        Assert.False(Denied(statements, "dynamodb:GetItem", $"arn:aws:iam::{DeployedStack.Account}:role/Admin"));
        Assert.False(Denied(statements, "dynamodb:DeleteTable", $"arn:aws:iam::{DeployedStack.Account}:role/Admin"));
    }

    // An explicit deny: a Deny statement for every principal whose action matches and whose conditions hold. Only the
    // condition this policy uses is read (ArnNotEquals on aws:PrincipalArn: true when the ARN is none of the values).
    private static bool Denied(IEnumerable<JsonObject> statements, string action, string principalArn) => statements.Any(s =>
        (string?)s["Effect"] == "Deny"
        && s["Principal"]?["AWS"]?.ToJsonString() == "\"*\""
        && TemplateJson.Strings(s["Action"]).Contains(action)
        && (string?)s["Resource"] == "*"
        && s["Condition"]!.AsObject().All(c => c.Key == "ArnNotEquals"
            && c.Value!.AsObject().All(k => k.Key == "aws:PrincipalArn" && !TemplateJson.Strings(k.Value).Contains(principalArn))));
}
