using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Constructs;
using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk;

/// <summary>
/// The us-east-1 companion of a regional stack, decided before either stack is built: the companion forwards events
/// about the regional stack's roles (and its own rules), so it must know their names, and the regional stack
/// reports changes to the companion's rules and role, so it must know theirs. CloudFormation cannot reference names
/// across regions; both sides compute them from here.
/// </summary>
internal sealed record GlobalEventsPlan
{
    /// <summary>The companion stack's name.</summary>
    public required string StackName { get; init; }

    /// <summary>The regional stack it forwards to, and that stack's region.</summary>
    public required string RegionalStackName { get; init; }

    public required string TargetRegion { get; init; }

    /// <summary>The companion's physical names.</summary>
    public required PhysicalNames Names { get; init; }

    /// <summary>The regional stack's roles (functions, redrive), whose IAM events exist only in us-east-1.</summary>
    public required IReadOnlyList<string> RegionalRoleNames { get; init; }

    /// <summary>
    /// The risk table's rules for the global services, forwarded to the regional stack's functions; empty when the
    /// deployment has a us-east-1 stack (it sees them itself) or another region's companion forwards them already,
    /// so no event is alerted on twice.
    /// </summary>
    public required IReadOnlyList<CloudTrailRuleSpec> GlobalRules { get; init; }

    /// <summary>Forwards changes to the regional stack's roles and to the companion's other rules and role.</summary>
    public string ForwardRuleName => Names.Name("ForwardSelfProtection");

    /// <summary>Forwards changes to <see cref="ForwardRuleName"/>: a rule cannot report a change to itself.</summary>
    public string WatchRuleName => Names.Name("ForwardWatch");

    public IReadOnlyList<string> GlobalRuleNames => GlobalRules.Select((_, i) => Names.Name($"ForwardGlobal{i + 1}")).ToList();

    /// <summary>Every rule of the companion.</summary>
    public IReadOnlyList<string> RuleNames => [ForwardRuleName, WatchRuleName, .. GlobalRuleNames];

    /// <summary>The role EventBridge assumes to put events on the regional bus.</summary>
    public string RoleName => Names.Name("ForwardRole");

    public static GlobalEventsPlan Create(string regionalStackName, string region, PhysicalNames regionalNames, RiskTable table, bool forwardGlobalServices,
        DeploymentMode mode = DeploymentMode.Standalone)
    {
        ArgumentNullException.ThrowIfNull(regionalNames);
        var name = GlobalEventsStack.NameFor(regionalStackName, region);
        return new GlobalEventsPlan
        {
            StackName = name,
            RegionalStackName = regionalStackName,
            TargetRegion = region,
            Names = PhysicalNames.For(name, GlobalEventsStack.HomeRegion),
            RegionalRoleNames = GuardAlertsStack.RolePurposesOf(mode).Select(regionalNames.Name).ToList(),
            GlobalRules = forwardGlobalServices ? CloudTrailPatterns.GlobalServiceRules(table) : [],
        };
    }
}
