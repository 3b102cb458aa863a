using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// What one function needs: its kind (the _HANDLER value), the code, what it may touch, its role's name
/// (explicit: the us-east-1 companion must match it in IAM's events, see PhysicalNames) and the policy layer.
/// </summary>
internal sealed record AlertFunctionProps(string Kind, Code Code, ITable Table, AlertTopic Alerts, IQueue DeadLetterQueue, string RoleName, ILayerVersion Policy);
