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
    public void Topic_ShouldBeEncryptedWithARotatingCustomerManagedKey()
    {
        var json = synth.Json(Region);
        var key = Assert.Single(TemplateJson.Resources(json, "AWS::KMS::Key"));
        Assert.True((bool)key.Properties["EnableKeyRotation"]!);
        var topic = Assert.Single(TemplateJson.Resources(json, "AWS::SNS::Topic")).Properties;
        Assert.Equal(key.Id, TemplateJson.GetAttTarget(topic["KmsMasterKeyId"]));
    }

    [Theory]
    [InlineData("events.amazonaws.com")]
    [InlineData("cloudwatch.amazonaws.com")]
    public void KeyPolicy_ShouldLetTheServiceEncryptForThisAccountOnly(string service)
    {
        var key = Assert.Single(TemplateJson.Resources(synth.Json(Region), "AWS::KMS::Key")).Properties;
        var statement = Assert.Single(key["KeyPolicy"]!["Statement"]!.AsArray(), s => TemplateJson.Strings(s!["Principal"]?["Service"]).Contains(service))!;
        Assert.Equal("Allow", (string)statement["Effect"]!);
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], TemplateJson.Strings(statement["Action"]).Order(StringComparer.Ordinal));
        Assert.Equal("AWS::AccountId", TemplateJson.Ref(statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]));
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
    public void EmailSubscriptions_ShouldComeFromContextAndFilterOutTheCanary()
    {
        foreach (var email in CdkSynthFixture.Emails)
        {
            synth.Template(Region).HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
            {
                ["Protocol"] = "email",
                ["Endpoint"] = email,
                ["FilterPolicyScope"] = "MessageAttributes",
                ["FilterPolicy"] = new Dictionary<string, object>
                {
                    ["canary"] = new object[] { new Dictionary<string, object> { ["exists"] = false } },
                },
            });
        }
    }

    [Fact]
    public void SmsSubscription_ShouldComeFromContextAndReceiveOnlyTheChosenSeverities()
    {
        // -c smsMinSeverity=Medium; alarms and the self-protection message carry no severity and pass too.
        synth.Template(Region).HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
        {
            ["Protocol"] = "sms",
            ["Endpoint"] = CdkSynthFixture.Phone,
            ["FilterPolicy"] = new Dictionary<string, object>
            {
                ["canary"] = new object[] { new Dictionary<string, object> { ["exists"] = false } },
                ["$or"] = new object[]
                {
                    new Dictionary<string, object> { ["severity"] = new[] { "Medium", "High", "Critical" } },
                    new Dictionary<string, object> { ["severity"] = new object[] { new Dictionary<string, object> { ["exists"] = false } } },
                },
            },
        });
    }

    [Fact]
    public void Subscriptions_ShouldBeExactlyTheOnesInTheContext()
    {
        synth.Template(Region).ResourceCountIs("AWS::SNS::Subscription", CdkSynthFixture.Emails.Length + 1);
        var topic = Assert.Single(TemplateJson.Resources(synth.Json(Region), "AWS::SNS::Topic")).Id;
        Assert.All(TemplateJson.Resources(synth.Json(Region), "AWS::SNS::Subscription"), s => Assert.Equal(topic, TemplateJson.Ref(s.Properties["TopicArn"])));
    }

    [Fact]
    public void Subscriptions_WithoutContext_ShouldBeNone()
    {
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::SNS::Subscription", 0);
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::SNS::Topic", 1);
        Assert.IsType<JsonObject>(inProcess.DefaultsJson["Outputs"]!["TopicArn"]);
    }
}
