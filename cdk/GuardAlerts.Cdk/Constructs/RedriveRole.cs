using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// The role `guard-alerts redrive` runs as: the ledger admits writes from the functions' roles and this one only (see
/// <see cref="LedgerTable"/>), so an operator re-processes the dead-letter queue by assuming it. Any principal of
/// the account whose own policies allow sts:AssumeRole on it may; changes to it are self-protection events.
/// </summary>
internal sealed class RedriveRole : Construct
{
    public RedriveRole(Construct scope, string id, string roleName, ITable table, AlertTopic alerts, IQueue deadLetterQueue) : base(scope, id)
    {
        Role = new Role(this, "Role", new RoleProps
        {
            RoleName = roleName,
            AssumedBy = new AccountRootPrincipal(),
            Description = "GuardAlerts: guard-alerts redrive (the dead-letter queue, the ledger, the alert topic)",
        });
        table.Grant(Role, LedgerTable.FunctionActions);
        alerts.GrantPublish(Role);
        deadLetterQueue.GrantConsumeMessages(Role);
    }

    public Role Role { get; }
}
