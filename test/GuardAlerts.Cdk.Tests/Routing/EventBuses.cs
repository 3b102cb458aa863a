using System.Text.Json.Nodes;
using GuardAlerts.Testing.Routing;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// The default event buses of one account across regions, with the synthesized stacks deployed: an event put on a
/// region's bus goes to every enabled rule of the stacks in that region whose pattern matches (the documented
/// matcher), and a rule targeting another region's bus forwards it there. CloudTrail API calls that only read
/// (readOnly: true) reach only rules in the ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS state
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html).
/// An event that reached a bus from another bus goes no further to a third bus: "EventBridge can't route events
/// received from a sender event bus to a third event bus"
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-bus-to-bus.html), and "if a receiver account sets up a
/// rule that sends events received from a sender account on to a third account, these events are not sent to the third
/// account" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html).
/// </summary>
public sealed class EventBuses(IReadOnlyList<DeployedStack> stacks)
{
    public const string AllManagementEvents = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";

    private const int MaxHops = 4;

    public IReadOnlyList<DeployedStack> Stacks => stacks;

    /// <summary>Every target the event reaches when it is put on <paramref name="region"/>'s default bus.</summary>
    public List<RuleDelivery> Put(JsonObject eventJson, string region) => Put(eventJson, region, null, "default", 0);

    /// <summary>Every target the event reaches when it is put on the named bus of an account in a region.</summary>
    public List<RuleDelivery> Put(JsonObject eventJson, string region, string account, string bus) => Put(eventJson, region, account, bus, 0);

    private List<RuleDelivery> Put(JsonObject eventJson, string region, string? account, string busName, int hops)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        if (hops > MaxHops)
        {
            throw new InvalidOperationException("an event was forwarded between buses more than " + MaxHops + " times: a routing loop");
        }

        var readOnlyCall = (string?)eventJson["detail-type"] == "AWS API Call via CloudTrail"
            && eventJson["detail"]?["readOnly"] is JsonValue ro && ro.TryGetValue<bool>(out var isReadOnly) && isReadOnly;
        var deliveries = new List<RuleDelivery>();
        foreach (var stack in stacks.Where(s => s.Region == region && (account is null || s.AccountId == account)))
        {
            foreach (var (id, rule) in stack.Resources("AWS::Events::Rule"))
            {
                var state = (string?)rule["State"] ?? "ENABLED";
                if (rule["EventPattern"] is not { } pattern || state == "DISABLED" || (readOnlyCall && state != AllManagementEvents)
                    || (rule["EventBusName"] is { } bus ? stack.ResolveText(bus) : "default") != busName)
                {
                    continue;
                }

                if (!EventPatternMatcher.Matches(stack.Resolve(pattern)!, eventJson))
                {
                    continue;
                }

                foreach (var target in rule["Targets"]!.AsArray())
                {
                    var arn = stack.ResolveText(target!["Arn"]);
                    if (arn.StartsWith("arn:aws:events:", StringComparison.Ordinal) && arn.Contains(":event-bus/", StringComparison.Ordinal))
                    {
                        var parts = arn.Split(':');
                        var (targetRegion, targetAccount) = (parts[3], parts[4]);
                        deliveries.Add(new RuleDelivery(stack, id, arn, null, eventJson));
                        if (hops > 0)
                        {
                            continue;
                        }

                        var targetBus = arn[(arn.IndexOf(":event-bus/", StringComparison.Ordinal) + ":event-bus/".Length)..];
                        // Another account's bus takes the event only through a role, and only if its policy admits the sender.
                        if (targetAccount == stack.AccountId || (target["RoleArn"] is not null && Admits(targetAccount, targetRegion, targetBus, stack.AccountId)))
                        {
                            deliveries.AddRange(Put(eventJson, targetRegion, targetAccount, targetBus, hops + 1));
                        }

                        continue;
                    }

                    deliveries.Add(new RuleDelivery(stack, id, arn, TargetLogicalId(stack, target["Arn"]), Input(stack, target, eventJson)));
                }
            }
        }

        return deliveries;
    }

    /// <summary>
    /// Whether a bus's resource policy lets <paramref name="sender"/> put events: its account named as a principal, or
    /// any principal of the organization (every account here belongs to it).
    /// </summary>
    private bool Admits(string account, string region, string bus, string sender) => stacks
        .Where(s => s.AccountId == account && s.Region == region)
        .SelectMany(s => s.Resources("AWS::Events::EventBusPolicy").Select(p => (Stack: s, p.Properties)))
        .Where(p => p.Stack.ResolveText(p.Properties["EventBusName"]) == bus && p.Properties["Statement"] is JsonObject)
        .Select(p => p.Stack.Resolve(p.Properties["Statement"])!)
        .Any(statement => (string?)statement["Effect"] == "Allow" && (string?)statement["Action"] == "events:PutEvents"
            && (statement["Principal"] is JsonValue any && (string?)any == "*"
                ? statement["Condition"]?["StringEquals"]?["aws:PrincipalOrgID"] is not null
                : statement["Principal"]?["AWS"]?.AsArray().Any(a => (string?)a == $"arn:aws:iam::{sender}:root") == true));

    private static string? TargetLogicalId(DeployedStack stack, JsonNode? arn) => arn switch
    {
        JsonObject o when o["Ref"] is JsonValue r => (string)r!,
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => (string)a[0]!,
        _ => null,
    };

    // An input transformer's template with each <name> replaced by the value its JSON path selects.
    private static JsonNode Input(DeployedStack stack, JsonNode target, JsonObject eventJson)
    {
        if (target["Input"] is { } constant)
        {
            return JsonNode.Parse(stack.ResolveText(constant))!;
        }

        if (target["InputTransformer"] is not { } transformer)
        {
            return eventJson.DeepClone();
        }

        var template = stack.ResolveText(transformer["InputTemplate"]);
        // A template that is one JSON string (RuleTargetInput.FromText) takes each value as text inside that string;
        // an object template takes each value as the JSON value it is.
        var textTemplate = template.StartsWith('"');
        foreach (var (name, path) in transformer["InputPathsMap"]?.AsObject() ?? [])
        {
            var value = Select(eventJson, stack.ResolveText(path));
            var replacement = !textTemplate
                ? value?.ToJsonString() ?? "null"
                : System.Text.Json.JsonSerializer.Serialize(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "")[1..^1];
            template = template.Replace("<" + name + ">", replacement, StringComparison.Ordinal);
        }

        return JsonNode.Parse(template)!;
    }

    private static JsonNode? Select(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[part];
        }

        return node;
    }
}
