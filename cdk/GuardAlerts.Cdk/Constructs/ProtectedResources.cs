using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>The resources whose tampering blinds the alerting, watched by <see cref="SelfProtection"/>.</summary>
internal sealed record ProtectedResources(
    string StackName,
    IReadOnlyList<AlertFunction> Functions,
    ITable Table,
    ITopic Topic,
    IKey Key,
    IQueue DeadLetterQueue);
