using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// The dedup ledger. Its resource policy denies every data-plane write to every principal but the writers (the
/// functions' roles and the redrive role): anyone else allowed dynamodb:PutItem by their own policies could otherwise
/// pre-seed "sent" entries and make the next alerts silent duplicates. Identity policies cannot override an explicit
/// deny in a resource policy. Control-plane calls stay open, so administrators can still delete the stack, and
/// changing or deleting the policy is a self-protection event.
/// </summary>
internal static class LedgerTable
{
    /// <summary>What the pipeline does with the ledger: read a claim, claim, confirm, release.</summary>
    public static readonly string[] FunctionActions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"];

    /// <summary>
    /// Every IAM action that writes items. TransactWriteItems has no action of its own: DynamoDB authorizes each of
    /// its items as the PutItem, UpdateItem or DeleteItem it is, so it is denied with them.
    /// </summary>
    public static readonly string[] WriteActions =
    [
        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
        "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
    ];

    /// <summary>The table, created directly in <paramref name="scope"/> so its logical id stays the ledger's.</summary>
    public static Table Create(Construct scope, string id, IReadOnlyList<string> writerRoleNames)
    {
        // The writers' ARNs from their explicit names, not references to the roles: the roles' grants reference the
        // table, and a policy that referenced them back would make the template circular. For the same reason the
        // statement's resource is "*", which in a resource policy means the table it is attached to.
        var writers = writerRoleNames.Select(n => (object)$"arn:{Aws.PARTITION}:iam::{Aws.ACCOUNT_ID}:role/{n}").ToArray();
        return new Table(scope, id, new TableProps
        {
            PartitionKey = new Amazon.CDK.AWS.DynamoDB.Attribute { Name = "pk", Type = AttributeType.STRING },
            TimeToLiveAttribute = "expiresAt",
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            Encryption = TableEncryption.AWS_MANAGED,
            // The ledger only deduplicates (entries expire within days); nothing in it needs to outlive the stack.
            RemovalPolicy = RemovalPolicy.DESTROY,
            ResourcePolicy = new PolicyDocument(new PolicyDocumentProps
            {
                Statements =
                [
                    new PolicyStatement(new PolicyStatementProps
                    {
                        Sid = "OnlyThePipelineWritesTheLedger",
                        Effect = Effect.DENY,
                        Principals = [new AnyPrincipal()],
                        Actions = WriteActions,
                        Resources = ["*"],
                        Conditions = new Dictionary<string, object>
                        {
                            ["ArnNotEquals"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = writers },
                        },
                    }),
                ],
            }),
        });
    }
}
