using System.Security.Cryptography;
using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// Where messages go, one topic per audience, publishing over TLS only:
/// <list type="bullet">
/// <item>Alerts: the functions' alerts and the hourly canary, with message attributes, encrypted with a customer
/// managed key that only the functions' roles use. E-mail takes every alert, SMS the severities from smsMinSeverity
/// up; both drop the canary.</item>
/// <item>Operations: every alarm and every self-protection message, to every e-mail address, unfiltered.</item>
/// <item>Pager: the alarms that mean alerting is down and the self-protection messages, to every phone, unfiltered.</item>
/// </list>
/// The operations and pager topics are not encrypted at rest, on purpose: they are the path that reports tampering
/// with the key, and SNS refuses every publication to a topic whose key is disabled, pending deletion or no longer
/// admits the publisher (KMSDisabled, KMSInvalidState, KMSAccessDenied), so one call on a shared key would silence the
/// very message about it and every alarm after. What they carry is no secret of the alerts: alarm names and
/// descriptions, and the self-protection text (API call, caller ARN, source address, account, region, time, event
/// id), which e-mail and SMS carry in the clear anyway (docs/security.md, "Why the operational topics have no key").
/// Alarms and EventBridge deliveries carry no message attributes, and SNS never matches a filter policy that has a
/// key against an empty attribute set (https://docs.aws.amazon.com/sns/latest/dg/attribute-key-matching.html), so
/// operational messages travel on topics whose subscriptions have no filter at all. Another channel (chat, a
/// ticketing webhook) subscribes to Alerts and Operations the same way.
/// </summary>
internal sealed class AlertTopic : Construct
{
    /// <summary>What publishing to a KMS-encrypted topic takes: SNS encrypts with a data key made for the publisher.</summary>
    public static readonly string[] PublishKeyActions = ["kms:GenerateDataKey*", "kms:Decrypt"];

    public AlertTopic(Construct scope, string id, DeploymentSettings settings) : base(scope, id)
    {
        // Only the functions publish to the alert topic; they get the key through their roles (the default key
        // policy lets the account's IAM policies grant it). No AWS service needs it: alarms and self-protection go
        // to the operational topics.
        Key = new Key(this, "Key", new KeyProps
        {
            Description = "GuardAlerts: encrypts the alert topic",
            EnableKeyRotation = true,
            // Only in-flight SNS messages are encrypted with it; nothing stored outlives the stack.
            RemovalPolicy = RemovalPolicy.DESTROY,
            PendingWindow = Duration.Days(7),
        });

        Topic = NewTopic("Topic", "GuardAlerts", Key);
        Operations = NewTopic("Operations", "GuardAlerts operations", null);
        Pager = NewTopic("Pager", "GuardAlerts pager", null);
        if (settings.HasChat)
        {
            // AWS Chatbot subscribes to its topics itself, with no filter policy: the alert topic carries the canary,
            // so chat gets a topic of its own that the functions copy every other alert to (see ChatCopyPublisher).
            Chat = NewTopic("Chat", "GuardAlerts chat", Key);
            // Self-protection in the shape Chatbot renders; no key, for the reason the operations topic has none.
            ChatNotices = NewTopic("Notices", "GuardAlerts chat notices", null);
        }

        foreach (var email in settings.AlertEmails)
        {
            Subscribe(Topic, "Email" + Digest(email), SubscriptionProtocol.EMAIL, email, SubscriptionFilters.Email());
            Subscribe(Operations, "OpsEmail" + Digest(email), SubscriptionProtocol.EMAIL, email, null);
        }

        foreach (var phone in settings.AlertPhones)
        {
            Subscribe(Topic, "Sms" + Digest(phone), SubscriptionProtocol.SMS, phone, SubscriptionFilters.Sms(settings.SmsSeverities));
            Subscribe(Pager, "PagerSms" + Digest(phone), SubscriptionProtocol.SMS, phone, null);
        }
    }

    /// <summary>The alert topic's key.</summary>
    public Key Key { get; }

    /// <summary>Alerts from the functions (and their canary).</summary>
    public Topic Topic { get; }

    /// <summary>Every alarm and self-protection message: e-mail.</summary>
    public Topic Operations { get; }

    /// <summary>Alarms that mean alerting is down, and self-protection messages: SMS.</summary>
    public Topic Pager { get; }

    /// <summary>Copies of the alerts for chat channels (never the canary); null without a chat channel.</summary>
    public Topic? Chat { get; }

    /// <summary>Self-protection messages as Chatbot custom notifications; null without a chat channel.</summary>
    public Topic? ChatNotices { get; }

    /// <summary>Every topic, for self-protection and outputs.</summary>
    public IReadOnlyList<Topic> Topics => new[] { Topic, Operations, Pager, Chat, ChatNotices }.OfType<Topic>().ToList();

    /// <summary>Lets a function publish: sns:Publish on the alert topic (and the chat topic) and the key for them, nothing else.</summary>
    public void GrantPublish(IGrantable grantee)
    {
        Topic.GrantPublish(grantee);
        Chat?.GrantPublish(grantee);
        Key.Grant(grantee, PublishKeyActions);
    }

    /// <summary>
    /// Lets an AWS service publish to a topic on behalf of these resources of this account only: the confused-deputy
    /// conditions the SNS guide recommends, on the topic policy where the service supplies them.
    /// </summary>
    public static void AllowService(Topic topic, string service, IReadOnlyList<string> sourceArns)
    {
        ArgumentNullException.ThrowIfNull(topic);
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal(service)],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = sourceArns.ToArray() },
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(topic).Account },
            },
        }));
    }

    private Topic NewTopic(string id, string displayName, IKey? key) => new(this, id, new TopicProps
    {
        DisplayName = displayName,
        MasterKey = key,
        EnforceSSL = true,
    });

    private void Subscribe(Topic topic, string id, SubscriptionProtocol protocol, string endpoint, Dictionary<string, object>? filterPolicy)
    {
        var subscription = new Subscription(this, id, new SubscriptionProps
        {
            Topic = topic,
            Protocol = protocol,
            Endpoint = endpoint,
        });
        if (filterPolicy is not null)
        {
            // The L2 filter types cannot express "exists": false, which keeps the canary away from people.
            var cfn = (CfnSubscription)subscription.Node.DefaultChild!;
            cfn.FilterPolicy = filterPolicy;
            cfn.FilterPolicyScope = "MessageAttributes";
        }
    }

    // Logical ids from the address, not its position: reordering the list must not re-create (and unconfirm) anyone.
    private static string Digest(string endpoint) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.ToLowerInvariant())))[..10];
}
