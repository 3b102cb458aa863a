using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>The resources whose tampering blinds the alerting, watched by <see cref="SelfProtection"/>.</summary>
/// <param name="Names">The stack's physical names: its rules by name, its alarms by prefix.</param>
/// <param name="Functions">The functions.</param>
/// <param name="Roles">The stack's roles: the functions' and redrive's.</param>
/// <param name="LogGroups">The functions' log groups (their embedded metrics feed the alarms).</param>
/// <param name="Table">The ledger table.</param>
/// <param name="Topics">Every topic of the stack.</param>
/// <param name="Key">The alert topic's key.</param>
/// <param name="DeadLetterQueue">The dead-letter queue.</param>
/// <param name="RuleNames">The names of this stack's rules other than the self-protection ones (routing, heartbeat).</param>
/// <param name="Companion">The us-east-1 companion that forwards to this stack (null in us-east-1).</param>
/// <param name="Trail">The management-events trail, when this stack creates it.</param>
/// <param name="Chat">Whether the stack has AWS Chatbot channel configurations.</param>
internal sealed record ProtectedResources(
    PhysicalNames Names,
    IReadOnlyList<IPipelineFunction> Functions,
    IReadOnlyList<IRole> Roles,
    IReadOnlyList<ILogGroup> LogGroups,
    ITable Table,
    IReadOnlyList<ITopic> Topics,
    IKey Key,
    IQueue DeadLetterQueue,
    IReadOnlyList<string> RuleNames,
    GlobalEventsPlan? Companion,
    ManagementTrail? Trail,
    bool Chat = false);
