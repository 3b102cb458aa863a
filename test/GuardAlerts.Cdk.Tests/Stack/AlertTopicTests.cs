using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>The topics: the alert topic KMS-encrypted, all TLS-only, subscriptions and their filter policies from the context.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class AlertTopicTests(CdkSynthFixture synth, InProcessStacksFixture inProcess)
{
    private const string Region = "us-east-1";

    [Fact]
    public void AlertTopic_ShouldBeEncryptedWithARotatingCustomerManagedKey()
    {
        var json = synth.Json(Region);
        var key = Assert.Single(TemplateJson.Resources(json, "AWS::KMS::Key"));
        Assert.True((bool)key.Properties["EnableKeyRotation"]!);
        var topics = TemplateJson.Resources(json, "AWS::SNS::Topic").ToDictionary(t => t.Id, t => t.Properties);
        Assert.Equal(3, topics.Count);
        Assert.Equal(key.Id, TemplateJson.GetAttTarget(topics[TemplateJson.Topic(json, "Topic")]["KmsMasterKeyId"]));
    }

    /// <summary>
    /// The topics that report tampering with the key, and every alarm, must not depend on it: SNS refuses every
    /// publication to a topic whose key is disabled, pending deletion or denies the publisher.
    /// </summary>
    [Theory]
    [InlineData("Operations")]
    [InlineData("Pager")]
    public void OperationalTopics_ShouldNotDependOnAKeyThatCanBeTurnedOff(string name)
    {
        var json = synth.Json(Region);
        Assert.Null(TemplateJson.Resources(json, "AWS::SNS::Topic").Single(t => t.Id == TemplateJson.Topic(json, name)).Properties["KmsMasterKeyId"]);
    }

    [Fact]
    public void KeyPolicy_ShouldAdmitNoAwsService()
    {
        // Only the functions publish to the alert topic, through their roles' policies; alarms and self-protection go
        // to the operational topics, so no service principal needs the key.
        var key = Assert.Single(TemplateJson.Resources(synth.Json(Region), "AWS::KMS::Key")).Properties;
        Assert.DoesNotContain(key["KeyPolicy"]!["Statement"]!.AsArray(), s => TemplateJson.Services(s!).Count > 0);
    }

    [Fact]
    public void TopicPolicy_ShouldDenyPublishingWithoutTls()
    {
        synth.Template(Region).HasResourceProperties("AWS::SNS::TopicPolicy", new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith(new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Effect"] = "Deny",
                        ["Principal"] = "*",
                        ["Action"] = "sns:Publish",
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
                        },
                    }),
                }),
            }),
        });
    }

    [Fact]
    public void EmailSubscriptions_ShouldTakeAlertsWithoutTheCanaryAndEveryOperationalMessage()
    {
        var json = synth.Json(Region);
        foreach (var email in CdkSynthFixture.Emails)
        {
            var subscriptions = Subscriptions(json, "email", email);
            var alerts = Assert.Single(subscriptions, s => TemplateJson.Ref(s["TopicArn"]) == TemplateJson.Topic(json, "Topic"));
            Assert.Equal("MessageAttributes", (string?)alerts["FilterPolicyScope"]);
            Assert.Equal("""{"canary":[{"exists":false}]}""", alerts["FilterPolicy"]!.ToJsonString());
            var operations = Assert.Single(subscriptions, s => TemplateJson.Ref(s["TopicArn"]) == TemplateJson.Topic(json, "Operations"));
            // Alarms and EventBridge messages carry no attributes: any filter policy with a key would drop them.
            Assert.Null(operations["FilterPolicy"]);
            Assert.Equal(2, subscriptions.Count);
        }
    }

    [Fact]
    public void SmsSubscriptions_ShouldTakeTheChosenSeveritiesAndThePager()
    {
        // -c smsMinSeverity=Medium.
        var json = synth.Json(Region);
        var subscriptions = Subscriptions(json, "sms", CdkSynthFixture.Phone);
        var alerts = Assert.Single(subscriptions, s => TemplateJson.Ref(s["TopicArn"]) == TemplateJson.Topic(json, "Topic"));
        Assert.Equal("""{"canary":[{"exists":false}],"severity":["Medium","High","Critical"]}""", alerts["FilterPolicy"]!.ToJsonString());
        var pager = Assert.Single(subscriptions, s => TemplateJson.Ref(s["TopicArn"]) == TemplateJson.Topic(json, "Pager"));
        Assert.Null(pager["FilterPolicy"]);
        Assert.Equal(2, subscriptions.Count);
    }

    [Fact]
    public void Subscriptions_ShouldBeExactlyTheOnesInTheContext()
    {
        synth.Template(Region).ResourceCountIs("AWS::SNS::Subscription", (CdkSynthFixture.Emails.Length + 1) * 2);
    }

    [Fact]
    public void Subscriptions_WithAllowNoSubscribers_ShouldBeNone()
    {
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::SNS::Subscription", 0);
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::SNS::Topic", 3);
        Assert.IsType<JsonObject>(inProcess.DefaultsJson["Outputs"]!["TopicArn"]);
    }

    private static List<JsonObject> Subscriptions(JsonNode json, string protocol, string endpoint) =>
        TemplateJson.Resources(json, "AWS::SNS::Subscription").Select(s => s.Properties)
            .Where(s => (string?)s["Protocol"] == protocol && (string?)s["Endpoint"] == endpoint).ToList();
}
