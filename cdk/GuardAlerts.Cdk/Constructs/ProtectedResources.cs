using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>The resources whose tampering blinds the alerting, watched by <see cref="SelfProtection"/>.</summary>
/// <param name="StackName">The stack's name: generated rule and alarm names start with it.</param>
/// <param name="Functions">The two functions (and their roles).</param>
/// <param name="Table">The ledger table.</param>
/// <param name="Topics">Every topic of the stack.</param>
/// <param name="Key">The topics' key.</param>
/// <param name="DeadLetterQueue">The dead-letter queue.</param>
/// <param name="ForeignRolePrefixes">Name prefixes of roles of this deployment in other stacks (the us-east-1 forwarder's).</param>
internal sealed record ProtectedResources(
    string StackName,
    IReadOnlyList<AlertFunction> Functions,
    ITable Table,
    IReadOnlyList<ITopic> Topics,
    IKey Key,
    IQueue DeadLetterQueue,
    IReadOnlyList<string> ForeignRolePrefixes);
