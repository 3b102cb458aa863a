using Amazon.CDK;
using Amazon.CDK.AWS.Events;
using Constructs;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// The central deployment's event bus: the members' rules forward their events here (cross-account bus targets keep
/// the event as it was, its account included), and the stack's own generated rules run on it as on the default bus.
/// Only the organization's accounts (aws:PrincipalOrgID) or the listed accounts may put events on it.
/// </summary>
internal sealed class CentralBus : Construct
{
    public CentralBus(Construct scope, string id, OrganizationSettings organization, PhysicalNames names) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(names);
        // A name of our own: the members are configured with the bus's ARN, and self-protection matches it.
        BusName = names.Name("CentralBus");
        Bus = new EventBus(this, "Bus", new EventBusProps { EventBusName = BusName });
        var statement = new Dictionary<string, object>
        {
            ["Effect"] = "Allow",
            ["Action"] = "events:PutEvents",
            ["Resource"] = Bus.EventBusArn,
        };
        if (organization.OrganizationId is { } organizationId)
        {
            statement["Principal"] = "*";
            statement["Condition"] = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = organizationId },
            };
        }
        else
        {
            statement["Principal"] = new Dictionary<string, object>
            {
                ["AWS"] = organization.MemberAccounts.Select(a => (object)$"arn:{Aws.PARTITION}:iam::{a}:root").ToArray(),
            };
        }

        _ = new CfnEventBusPolicy(this, "Policy", new CfnEventBusPolicyProps
        {
            EventBusName = Bus.EventBusName,
            StatementId = "GuardAlertsMembers",
            Statement = statement,
        });

        ProtectionRules =
        [
            // The bus and its policy: deleted, or its policy narrowed, the members' events stop arriving.
            new ProtectionRule("CentralBus", names.Name("SelfProtectionCentralBus"), "changes to the central event bus and its policy",
            [
                SelfProtection.Clause("events.amazonaws.com", ["DeleteEventBus", "UpdateEventBus"], "name", BusName),
                SelfProtection.Clause("events.amazonaws.com", ["PutPermission", "RemovePermission"], "eventBusName", BusName),
            ]),
            // What the members' own self-protection rules forward: changes to their forwarding rules and role.
            new ProtectionRule("Members", names.Name("SelfProtectionMembers"), "changes to the members' forwarding rules and role, forwarded by the members",
            [
                .. MemberRuleClauses(),
                SelfProtection.Clause("iam.amazonaws.com", SelfProtection.RoleChanges, "roleName", SelfProtection.Prefix(MemberStack.NamePrefix)),
                // A member's stack deleted or replaced: StackSets names its instances StackSet-<StackSet name>-<id>, and
                // the management account's own stacks are named after the template (docs/organizations.md).
                SelfProtection.Clause("cloudformation.amazonaws.com", SelfProtection.StackChanges, "stackName",
                    new Dictionary<string, object> { ["wildcard"] = "*" + MemberStack.MemberStackName + "*" }),
            ], Bus),
        ];
    }

    public EventBus Bus { get; }

    /// <summary>The bus's name, a literal.</summary>
    public string BusName { get; }

    /// <summary>The self-protection rules of a central deployment (see <see cref="ProtectionRule"/>).</summary>
    public IReadOnlyList<ProtectionRule> ProtectionRules { get; }

    /// <summary>The EventBridge calls that stop a member's rule from forwarding, on any rule named like a member's.</summary>
    public static IEnumerable<Dictionary<string, object>> MemberRuleClauses() =>
    [
        SelfProtection.Clause("events.amazonaws.com", ["DisableRule", "DeleteRule", "PutRule"], "name", SelfProtection.Prefix(MemberStack.NamePrefix)),
        SelfProtection.Clause("events.amazonaws.com", ["RemoveTargets", "PutTargets"], "rule", SelfProtection.Prefix(MemberStack.NamePrefix)),
    ];
}
