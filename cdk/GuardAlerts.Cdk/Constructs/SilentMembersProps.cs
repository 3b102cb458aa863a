using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>What the silent-member check needs: the code, the ledger, the pager topic, the central bus and the expected members.</summary>
/// <param name="Code">The functions' shared package.</param>
/// <param name="Table">The ledger table.</param>
/// <param name="Pager">The pager topic, where its messages go.</param>
/// <param name="CentralBus">The bus the members' heartbeats arrive on.</param>
/// <param name="Delivery">Retries and the dead-letter queue.</param>
/// <param name="RoleName">Its role's explicit name (the ledger's resource policy admits it by name).</param>
/// <param name="Organization">The organization id or the member accounts.</param>
/// <param name="Names">The stack's physical names.</param>
/// <param name="Regions">The expected regions: memberRegions, else the stack's regions (a token when the stack's region is).</param>
internal sealed record SilentMembersProps(
    Code Code, ITable Table, ITopic Pager, IEventBus CentralBus, Delivery Delivery, string RoleName, OrganizationSettings Organization,
    IReadOnlyList<string> Regions, PhysicalNames Names);
