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
/// The alert topic: encrypted with a customer managed key (the AWS managed SNS key's policy cannot admit EventBridge
/// and CloudWatch), publishing over TLS only, with the e-mail and SMS subscriptions chosen at deploy time.
/// </summary>
internal sealed class AlertTopic : Construct
{
    public AlertTopic(Construct scope, string id, DeploymentSettings settings) : base(scope, id)
    {
        Key = new Key(this, "Key", new KeyProps
        {
            Description = "GuardAlerts: encrypts the alert topic",
            EnableKeyRotation = true,
            // Only in-flight SNS messages are encrypted with it; nothing stored outlives the stack.
            RemovalPolicy = RemovalPolicy.DESTROY,
            PendingWindow = Duration.Days(7),
        });
        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "GuardAlerts",
            MasterKey = Key,
            EnforceSSL = true,
        });

        // EventBridge (the self-protection rules) and CloudWatch (alarms) publish as service principals; with a
        // customer managed key they need it in the key policy. The condition keeps other accounts' rules and alarms
        // (a confused deputy) out.
        foreach (var service in new[] { "events.amazonaws.com", "cloudwatch.amazonaws.com" })
        {
            var principal = new ServicePrincipal(service).WithConditions(new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account },
            });
            Key.Grant(principal, PublishKeyActions);
        }

        Topic.GrantPublish(new ServicePrincipal("cloudwatch.amazonaws.com").WithConditions(new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account },
        }));

        foreach (var email in settings.AlertEmails)
        {
            Subscribe("Email" + Digest(email), SubscriptionProtocol.EMAIL, email, SubscriptionFilters.Email());
        }

        foreach (var phone in settings.AlertPhones)
        {
            Subscribe("Sms" + Digest(phone), SubscriptionProtocol.SMS, phone, SubscriptionFilters.Sms(settings.SmsSeverities));
        }
    }

    /// <summary>What publishing to a KMS-encrypted topic takes: SNS encrypts with a data key made for the publisher.</summary>
    public static readonly string[] PublishKeyActions = ["kms:GenerateDataKey*", "kms:Decrypt"];

    public Key Key { get; }

    /// <summary>Lets a function publish: sns:Publish on this topic and the key for it, nothing else.</summary>
    public void GrantPublish(IGrantable grantee)
    {
        Topic.GrantPublish(grantee);
        Key.Grant(grantee, PublishKeyActions);
    }

    public Topic Topic { get; }

    private void Subscribe(string id, SubscriptionProtocol protocol, string endpoint, Dictionary<string, object> filterPolicy)
    {
        var subscription = new Subscription(this, id, new SubscriptionProps
        {
            Topic = Topic,
            Protocol = protocol,
            Endpoint = endpoint,
        });
        // The L2 filter types cannot express "$or" or "exists": false, which the canary and alarms need.
        var cfn = (CfnSubscription)subscription.Node.DefaultChild!;
        cfn.FilterPolicy = filterPolicy;
        cfn.FilterPolicyScope = "MessageAttributes";
    }

    // Logical ids from the address, not its position: reordering the list must not re-create (and unconfirm) anyone.
    private static string Digest(string endpoint) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.ToLowerInvariant())))[..10];
}
