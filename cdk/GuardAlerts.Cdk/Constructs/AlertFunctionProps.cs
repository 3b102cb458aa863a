using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>What one function needs: its kind (the _HANDLER value), the package, and what it may touch.</summary>
internal sealed record AlertFunctionProps(string Kind, Code Code, ITable Table, AlertTopic Alerts, IQueue DeadLetterQueue);
