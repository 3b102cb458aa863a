using GuardAlerts.Core.Rules;

namespace GuardAlerts.Cdk.Patterns;

/// <summary>
/// Generates the CloudTrail rules' event patterns from the risk table, so the rules and the table cannot drift and
/// Lambda is invoked only for events some rule can alert on. Each clause is one eventSource with its eventNames
/// (an eventName alone is ambiguous: DeleteRule exists in EventBridge and in WAF); clauses are packed into as few
/// rules as the pattern size quota allows.
/// </summary>
internal static class CloudTrailPatterns
{
    public const string ApiCallDetailType = "AWS API Call via CloudTrail";
    public const string SignInDetailType = "AWS Console Sign In via CloudTrail";
    public const string SignInEventSource = "signin.amazonaws.com";
    public const string SignInSource = "aws.signin";

    // PutEvents refuses sources starting with "aws.", so a prefix match keeps forged "CloudTrail" events out.
    public static object AwsSources => new object[] { new Dictionary<string, object> { ["prefix"] = "aws." } };

    /// <summary>
    /// The event sources of global services, whose CloudTrail events EventBridge receives in us-east-1 only: IAM, STS
    /// through its global endpoint, console sign-ins through the global endpoint, Organizations, CloudFront, Route 53
    /// and its domain registration, WAF Classic for CloudFront, account management
    /// (https://repost.aws/knowledge-center/eventbridge-rule-triggers-iam-single-region,
    /// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-global-service-events).
    /// </summary>
    public static readonly IReadOnlySet<string> GlobalEventSources = new HashSet<string>(StringComparer.Ordinal)
    {
        "iam.amazonaws.com", "sts.amazonaws.com", SignInEventSource, "organizations.amazonaws.com", "cloudfront.amazonaws.com",
        "route53.amazonaws.com", "route53domains.amazonaws.com", "waf.amazonaws.com", "account.amazonaws.com",
    };

    /// <summary>The API-call rules (every eventSource but sign-in), read-only ones in rules of their own.</summary>
    public static IReadOnlyList<CloudTrailRuleSpec> ApiCallRules(RiskTable table, int budget = PatternSize.Budget) =>
        ApiCallRules(table, s => s != SignInEventSource, budget);

    /// <summary>The table's API-call and sign-in rules for the <see cref="GlobalEventSources"/> only.</summary>
    public static IReadOnlyList<CloudTrailRuleSpec> GlobalServiceRules(RiskTable table, int budget = PatternSize.Budget) =>
        [.. ApiCallRules(table, s => s != SignInEventSource && GlobalEventSources.Contains(s), budget), .. SignInRules(table, budget)];

    private static List<CloudTrailRuleSpec> ApiCallRules(RiskTable table, Func<string, bool> includeSource, int budget)
    {
        var rules = new List<CloudTrailRuleSpec>();
        foreach (var readOnly in new[] { false, true })
        {
            var clauses = Clauses(table, includeSource, readOnly, budget, AwsSources, ApiCallDetailType);
            var groups = PatternPacker.Pack(clauses, d => WholePattern(AwsSources, ApiCallDetailType, d), PatternSize.EncodedLength, budget);
            rules.AddRange(groups.Select(g => Spec(AwsSources, ApiCallDetailType, g, readOnly)));
        }

        return rules;
    }

    /// <summary>
    /// The console sign-in rule (source aws.signin), or none when no rule covers signin.amazonaws.com. Sign-ins land
    /// in many regions (root and global-endpoint sign-ins in us-east-1 and a few others, regional endpoints in their
    /// own region), so every region's stack has it.
    /// </summary>
    public static IReadOnlyList<CloudTrailRuleSpec> SignInRules(RiskTable table, int budget = PatternSize.Budget)
    {
        var rules = new List<CloudTrailRuleSpec>();
        object source = new object[] { SignInSource };
        foreach (var readOnly in new[] { false, true })
        {
            var clauses = Clauses(table, s => s == SignInEventSource, readOnly, budget, source, SignInDetailType);
            var groups = PatternPacker.Pack(clauses, d => WholePattern(source, SignInDetailType, d), PatternSize.EncodedLength, budget);
            rules.AddRange(groups.Select(g => Spec(source, SignInDetailType, g, readOnly)));
        }

        return rules;
    }

    /// <summary>eventSource to the sorted, distinct eventNames of the table's CloudTrail rules.</summary>
    public static SortedDictionary<string, SortedSet<string>> TableEventNames(RiskTable table)
    {
        var result = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var rule in table.Rules.Where(r => r.Kind == RuleKind.CloudTrail && r.EventSource is not null))
        {
            if (!result.TryGetValue(rule.EventSource!, out var names))
            {
                result[rule.EventSource!] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.UnionWith(rule.EventNames);
        }

        return result;
    }

    public static Dictionary<string, object> WholePattern(object source, string detailType, Dictionary<string, object> detail) => new()
    {
        ["source"] = source,
        ["detail-type"] = new object[] { detailType },
        ["detail"] = detail,
    };

    private static List<Dictionary<string, object>> Clauses(
        RiskTable table, Func<string, bool> includeSource, bool readOnly, int budget, object source, string detailType)
    {
        // An eventName covered by any read-only rule goes to the read-only rules: their state delivers write calls too.
        var readOnlyNames = table.Rules
            .Where(r => r.Kind == RuleKind.CloudTrail && r.ReadOnlyCalls && r.EventSource is not null)
            .SelectMany(r => r.EventNames.Select(n => (r.EventSource!, n)))
            .ToHashSet();
        var clauses = new List<Dictionary<string, object>>();
        foreach (var (eventSource, names) in TableEventNames(table).Where(p => includeSource(p.Key)))
        {
            var selected = names.Where(n => readOnlyNames.Contains((eventSource, n)) == readOnly).ToList();
            if (selected.Count > 0)
            {
                clauses.AddRange(Split(eventSource, selected, d => WholePattern(source, detailType, d), budget));
            }
        }

        return clauses;
    }

    // A source with more names than one pattern holds becomes several clauses (and so several rules).
    private static IEnumerable<Dictionary<string, object>> Split(
        string eventSource, List<string> names, Func<Dictionary<string, object>, object> whole, int budget)
    {
        var clause = Clause(eventSource, names);
        if (PatternSize.Of(whole(clause)) <= budget || names.Count == 1)
        {
            return [clause];
        }

        var half = names.Count / 2;
        return Split(eventSource, names[..half], whole, budget).Concat(Split(eventSource, names[half..], whole, budget));
    }

    private static Dictionary<string, object> Clause(string eventSource, IEnumerable<string> names) => new()
    {
        ["eventSource"] = new object[] { eventSource },
        ["eventName"] = names.Cast<object>().ToArray(),
    };

    private static CloudTrailRuleSpec Spec(object source, string detailType, List<Dictionary<string, object>> clauses, bool readOnly)
    {
        var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var clause in clauses)
        {
            var eventSource = (string)((object[])clause["eventSource"])[0];
            var list = ((object[])clause["eventName"]).Cast<string>();
            names[eventSource] = names.TryGetValue(eventSource, out var existing) ? [.. existing, .. list] : [.. list];
        }

        return new CloudTrailRuleSpec(source, detailType, PatternPacker.Detail(clauses), readOnly, names);
    }
}
