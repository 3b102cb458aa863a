using GuardAlerts.Testing.Routing;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>Who a message published to a topic of a deployed stack reaches: each subscription's filter policy, evaluated as SNS documents it.</summary>
public static class Recipients
{
    /// <summary>"email:address" and "sms:number" of every subscription of the topic that accepts the message.</summary>
    public static SortedSet<string> Of(DeployedStack stack, string topicArn, IReadOnlyDictionary<string, SnsMessageAttribute> attributes, string? body = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, s) in stack.Resources("AWS::SNS::Subscription"))
        {
            if (stack.ResolveText(s["TopicArn"]) != topicArn)
            {
                continue;
            }

            if (SnsFilterPolicy.Accepts(stack.Resolve(s["FilterPolicy"]), (string?)s["FilterPolicyScope"], attributes, body))
            {
                reached.Add($"{(string)s["Protocol"]!}:{stack.ResolveText(s["Endpoint"])}");
            }
        }

        return reached;
    }

    /// <summary>Every e-mail and SMS endpoint subscribed anywhere in the stack.</summary>
    public static SortedSet<string> Everyone(DeployedStack stack, string protocol) =>
        new(stack.Resources("AWS::SNS::Subscription").Where(s => (string?)s.Properties["Protocol"] == protocol)
            .Select(s => $"{protocol}:{stack.ResolveText(s.Properties["Endpoint"])}"), StringComparer.Ordinal);
}
