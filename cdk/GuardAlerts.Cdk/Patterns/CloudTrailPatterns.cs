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

    /// <summary>
    /// The API-call rules (every eventSource but sign-in), read-only ones in rules of their own, and one rule per
    /// entry that covers every call of some userIdentity types (the root user's). Those identities' write calls reach
    /// the function through that rule only: the eventName rules leave them out, so no event is delivered twice.
    /// </summary>
    public static IReadOnlyList<CloudTrailRuleSpec> ApiCallRules(RiskTable table, int budget = PatternSize.Budget) =>
        ApiCallRules(table, s => s != SignInEventSource, everyCallSources: null, budget);

    /// <summary>
    /// The table's API-call and sign-in rules for the <see cref="GlobalEventSources"/> only; an every-call entry (the
    /// root user's) is narrowed to those sources too.
    /// </summary>
    public static IReadOnlyList<CloudTrailRuleSpec> GlobalServiceRules(RiskTable table, int budget = PatternSize.Budget) =>
        [.. ApiCallRules(table, s => s != SignInEventSource && GlobalEventSources.Contains(s),
            GlobalEventSources.Where(s => s != SignInEventSource).Order(StringComparer.Ordinal).ToList(), budget), .. SignInRules(table, budget)];

    private static List<CloudTrailRuleSpec> ApiCallRules(RiskTable table, Func<string, bool> includeSource, IReadOnlyList<string>? everyCallSources, int budget)
    {
        var rules = new List<CloudTrailRuleSpec>();
        var everyCall = table.Rules.Where(r => r.CoversEveryCall).ToList();
        foreach (var readOnly in new[] { false, true })
        {
            // A read-only rule's state also delivers write calls, so leaving those identities out there too would be
            // right; but its names are read-only calls, which the every-call rule (default state) never receives.
            var excluded = readOnly ? [] : everyCall.Where(r => !r.ReadOnlyCalls).SelectMany(r => r.UserIdentityTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Dictionary<string, object> Whole(Dictionary<string, object> d) => WholePattern(AwsSources, ApiCallDetailType, Excluding(d, excluded));
            var clauses = Clauses(table, includeSource, readOnly, budget, Whole);
            var groups = PatternPacker.Pack(clauses, Whole, PatternSize.EncodedLength, budget);
            rules.AddRange(groups.Select(g => Spec(AwsSources, ApiCallDetailType, g, readOnly, excluded)));
            // A refused call by an every-call identity (the root user) reaches the function through that rule.
            var refusals = everyCall.SelectMany(r => r.UserIdentityTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Dictionary<string, object> Refused(Dictionary<string, object> d) => WholePattern(AwsSources, ApiCallDetailType, Excluding(d, refusals));
            var codes = table.ThresholdRules.Where(r => r.EventNames.Count == 0 && r.ReadOnlyCalls == readOnly).SelectMany(r => r.ErrorCodes).Distinct(StringComparer.Ordinal).ToList();
            rules.AddRange(PatternPacker.Pack(ErrorCodeClauses(table, readOnly, everyCallSources), Refused, PatternSize.EncodedLength, budget)
                .Select(g => new CloudTrailRuleSpec(AwsSources, ApiCallDetailType, Excluding(PatternPacker.Detail(g), refusals), readOnly,
                    new Dictionary<string, IReadOnlyList<string>>(), ErrorCodes: codes)));

            foreach (var rule in everyCall.Where(r => r.ReadOnlyCalls == readOnly))
            {
                var detail = new Dictionary<string, object> { ["userIdentity"] = new Dictionary<string, object> { ["type"] = rule.UserIdentityTypes.Cast<object>().ToArray() } };
                if (everyCallSources is not null)
                {
                    detail["eventSource"] = everyCallSources.Cast<object>().ToArray();
                }

                rules.Add(new CloudTrailRuleSpec(AwsSources, ApiCallDetailType, detail, readOnly, new Dictionary<string, IReadOnlyList<string>>(), rule.UserIdentityTypes));
            }
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
            var clauses = Clauses(table, s => s == SignInEventSource, readOnly, budget, d => WholePattern(source, SignInDetailType, d));
            var groups = PatternPacker.Pack(clauses, d => WholePattern(source, SignInDetailType, d), PatternSize.EncodedLength, budget);
            rules.AddRange(groups.Select(g => Spec(source, SignInDetailType, g, readOnly, [])));
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

    private static Dictionary<string, object> With(this Dictionary<string, object> clause, Dictionary<string, object> filter)
    {
        foreach (var (key, value) in filter)
        {
            clause[key] = value;
        }

        return clause;
    }

    public static Dictionary<string, object> WholePattern(object source, string detailType, Dictionary<string, object> detail) => new()
    {
        ["source"] = source,
        ["detail-type"] = new object[] { detailType },
        ["detail"] = detail,
    };

    private static List<Dictionary<string, object>> Clauses(
        RiskTable table, Func<string, bool> includeSource, bool readOnly, int budget, Func<Dictionary<string, object>, object> wholePattern)
    {
        var readOnlyNames = ReadOnlyNames(table);
        var narrowed = NarrowedNames(table);
        var refusals = RefusalsCountedElsewhere(table, readOnly);
        var clauses = new List<Dictionary<string, object>>();
        foreach (var (eventSource, names) in TableEventNames(table).Where(p => includeSource(p.Key)))
        {
            var selected = names.Where(n => readOnlyNames.Contains((eventSource, n)) == readOnly).ToList();
            var whole = selected.Where(n => !narrowed.ContainsKey((eventSource, n))).ToList();
            if (whole.Count > 0)
            {
                clauses.AddRange(Split(eventSource, whole, wholePattern, budget));
            }

            foreach (var name in selected.Where(n => narrowed.ContainsKey((eventSource, n))))
            {
                foreach (var filter in narrowed[(eventSource, name)])
                {
                    var clause = new Dictionary<string, object>(Clause(eventSource, [name])).With(filter);
                    if (refusals.Codes.Length == 0)
                    {
                        clauses.Add(clause);
                        continue;
                    }

                    // A call of this name refused with a counted code reaches the function through the refused-call
                    // clauses whatever the filter says (they no longer leave this name out); here only the rest, so
                    // it arrives once. The identities those clauses leave out (the root user) keep theirs here.
                    clauses.Add(new Dictionary<string, object>(clause) { ["errorCode"] = new object[] { new Dictionary<string, object> { ["exists"] = false } } });
                    clauses.Add(new Dictionary<string, object>(clause) { ["errorCode"] = new object[] { new Dictionary<string, object> { ["anything-but"] = refusals.Codes } } });
                    if (refusals.IdentityTypes.Length > 0)
                    {
                        clauses.Add(new Dictionary<string, object>(clause)
                        {
                            ["errorCode"] = refusals.Codes,
                            ["userIdentity"] = new Dictionary<string, object> { ["type"] = refusals.IdentityTypes },
                        });
                    }
                }
            }
        }

        return clauses;
    }

    /// <summary>
    /// The eventNames only threshold rules cover, each of whose 'when' is an exact EventBridge filter: those names are
    /// delivered only when one of the filters holds (GetParameter only WithDecryption true).
    /// </summary>
    private static Dictionary<(string Source, string Name), List<Dictionary<string, object>>> NarrowedNames(RiskTable table)
    {
        var result = new Dictionary<(string, string), List<Dictionary<string, object>>>();
        var pairs = table.Rules.Where(r => r.Kind == RuleKind.CloudTrail && r.EventSource is not null)
            .SelectMany(r => r.EventNames.Select(n => (Key: (r.EventSource!, n), Rule: r)))
            .GroupBy(p => p.Key);
        foreach (var pair in pairs)
        {
            var filters = pair.Select(p => p.Rule.Threshold is null ? null : ConditionPatterns.Filter(p.Rule.When)).ToList();
            if (filters.TrueForAll(f => f is not null))
            {
                result[pair.Key] = [.. filters.Select(f => f!)];
            }
        }

        return result;
    }

    // An eventName covered by any read-only rule goes to the read-only rules: their state delivers write calls too.
    private static HashSet<(string Source, string Name)> ReadOnlyNames(RiskTable table) => table.Rules
        .Where(r => r.Kind == RuleKind.CloudTrail && r.ReadOnlyCalls && r.EventSource is not null)
        .SelectMany(r => r.EventNames.Select(n => (r.EventSource!, n)))
        .ToHashSet();

    /// <summary>
    /// The errorCodes whose refused calls of a narrowed name (in rules of state <paramref name="readOnly"/>) the
    /// refused-call clauses deliver instead, and the identity types those clauses leave out. A refused-call rule in the
    /// all-management-events state receives every call; one in the default state only write calls, so it takes over
    /// only from narrowed names in the default state.
    /// </summary>
    private static (object[] Codes, object[] IdentityTypes) RefusalsCountedElsewhere(RiskTable table, bool readOnly)
    {
        var codes = table.ThresholdRules.Where(r => r.EventNames.Count == 0 && r.ErrorCodes.Count > 0 && (r.ReadOnlyCalls || !readOnly))
            .SelectMany(r => r.ErrorCodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object>().ToArray();
        var left = readOnly
            ? table.Rules.Where(r => r.CoversEveryCall).SelectMany(r => r.UserIdentityTypes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object>().ToArray()
            : [];
        return (codes, codes.Length == 0 ? [] : left);
    }

    /// <summary>
    /// Clauses for the threshold rules that count refused calls whatever their name (errorCodes, no eventNames): per
    /// eventSource the table covers, its calls with those codes and a name no rule delivers already ("anything-but"),
    /// and every other eventSource's; so each refused call reaches the function once.
    /// </summary>
    private static List<Dictionary<string, object>> ErrorCodeClauses(RiskTable table, bool readOnly, IReadOnlyList<string>? onlySources)
    {
        var codes = table.ThresholdRules.Where(r => r.EventNames.Count == 0 && r.ReadOnlyCalls == readOnly)
            .SelectMany(r => r.ErrorCodes).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object>().ToArray();
        if (codes.Length == 0)
        {
            return [];
        }

        var covered = TableEventNames(table).Where(p => p.Key != SignInEventSource && (onlySources is null || onlySources.Contains(p.Key))).ToList();
        // A narrowed name is delivered only when its filter holds: its refused calls come through here, unless the
        // narrowed clause's state receives calls this rule's state does not (RefusalsCountedElsewhere).
        var narrowed = NarrowedNames(table);
        var readOnlyNames = ReadOnlyNames(table);
        var clauses = new List<Dictionary<string, object>>();
        foreach (var (source, names) in covered)
        {
            var delivered = names.Where(n => !narrowed.ContainsKey((source, n)) || (!readOnly && readOnlyNames.Contains((source, n)))).Cast<object>().ToArray();
            var clause = new Dictionary<string, object> { ["eventSource"] = new object[] { source } };
            if (delivered.Length > 0)
            {
                clause["eventName"] = new object[] { new Dictionary<string, object> { ["anything-but"] = delivered } };
            }

            clause["errorCode"] = codes;
            clauses.Add(clause);
        }

        // Every other eventSource: all of them in a region's own rules, the remaining global ones in a forwarder's.
        object others = onlySources is null
            ? new object[] { new Dictionary<string, object> { ["anything-but"] = covered.Select(p => p.Key).Cast<object>().ToArray() } }
            : onlySources.Where(source => covered.TrueForAll(p => p.Key != source)).Cast<object>().ToArray();
        if (others is not object[] { Length: 0 })
        {
            clauses.Add(new Dictionary<string, object> { ["eventSource"] = others, ["errorCode"] = codes });
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

    /// <summary>
    /// The detail with the calls of <paramref name="identityTypes"/> left out. A record whose userIdentity has no
    /// type (some AWS service events) still matches: "anything-but" alone needs the field to be present.
    /// </summary>
    public static Dictionary<string, object> Excluding(Dictionary<string, object> detail, IReadOnlyList<string> identityTypes)
    {
        if (identityTypes.Count == 0)
        {
            return detail;
        }

        var alternatives = new object[]
        {
            new Dictionary<string, object> { ["type"] = new object[] { new Dictionary<string, object> { ["anything-but"] = identityTypes.Cast<object>().ToArray() } } },
            new Dictionary<string, object> { ["type"] = new object[] { new Dictionary<string, object> { ["exists"] = false } } },
        };
        return new Dictionary<string, object>(detail) { ["userIdentity"] = new Dictionary<string, object> { ["$or"] = alternatives } };
    }

    private static CloudTrailRuleSpec Spec(object source, string detailType, List<Dictionary<string, object>> clauses, bool readOnly, IReadOnlyList<string> excluded)
    {
        var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var clause in clauses)
        {
            var eventSource = (string)((object[])clause["eventSource"])[0];
            var list = ((object[])clause["eventName"]).Cast<string>();
            // A narrowed name comes in several clauses (one per errorCode alternative): listed once.
            names[eventSource] = names.TryGetValue(eventSource, out var existing) ? [.. existing.Union(list, StringComparer.Ordinal)] : [.. list.Distinct(StringComparer.Ordinal)];
        }

        return new CloudTrailRuleSpec(source, detailType, Excluding(PatternPacker.Detail(clauses), excluded), readOnly, names);
    }
}
