using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>The topic: KMS-encrypted, TLS-only, subscriptions and their filter policies from the context.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class AlertTopicTests(CdkSynthFixture synth, InProcessStacksFixture inProcess)
{
    private const string Region = "us-east-1";

    [Fact]
    public void Topics_ShouldBeEncryptedWithARotatingCustomerManagedKey()
    {
        var json = synth.Json(Region);
        var key = Assert.Single(TemplateJson.Resources(json, "AWS::KMS::Key"));
        Assert.True((bool)key.Properties["EnableKeyRotation"]!);
        var topics = TemplateJson.Resources(json, "AWS::SNS::Topic").ToList();
        Assert.Equal(3, topics.Count);
        Assert.All(topics, t => Assert.Equal(key.Id, TemplateJson.GetAttTarget(t.Properties["KmsMasterKeyId"])));
    }

    [Theory]
    [InlineData("events.amazonaws.com")]
    [InlineData("cloudwatch.amazonaws.com")]
    public void KeyPolicy_ShouldGiveThePublishingServiceExactlyWhatTheSnsGuideAsks(string service)
    {
        // No aws:SourceAccount/aws:SourceArn here: EventBridge's requests to KMS do not carry them, so such a
        // condition would fail every self-protection delivery. The topic policies carry them instead.
        var key = Assert.Single(TemplateJson.Resources(synth.Json(Region), "AWS::KMS::Key")).Properties;
        var statement = Assert.Single(key["KeyPolicy"]!["Statement"]!.AsArray(), s => TemplateJson.Strings(s!["Principal"]?["Service"]).Contains(service))!;
        Assert.Equal("Allow", (string)statement["Effect"]!);
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], TemplateJson.Strings(statement["Action"]).Order(StringComparer.Ordinal));
        Assert.Null(statement["Condition"]);
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
