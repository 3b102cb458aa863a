using Amazon.CDK.AWS.Events;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// A self-protection rule beyond the stack's own resources (a central deployment's: its bus, and the members'
/// forwarding resources): its id, its name (a literal, so the ring of watchers can match it), what it watches, its
/// CloudTrail detail clauses, and the bus it reads (null: the default bus).
/// </summary>
internal sealed record ProtectionRule(string Id, string Name, string What, IReadOnlyList<Dictionary<string, object>> Clauses, IEventBus? Bus = null);
