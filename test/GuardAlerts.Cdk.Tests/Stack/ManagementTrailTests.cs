using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>`-c createTrail=true`: one multi-region management-events trail, in the first region's stack.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class ManagementTrailTests(CdkSynthFixture synth, InProcessStacksFixture inProcess)
{
    [Fact]
    public void Trail_WhenRequested_ShouldLogAllManagementEventsOfEveryRegion()
    {
        synth.Template("us-east-1").HasResourceProperties("AWS::CloudTrail::Trail", new Dictionary<string, object>
        {
            ["IsMultiRegionTrail"] = true,
            ["IncludeGlobalServiceEvents"] = true,
            ["IsLogging"] = true,
            ["EnableLogFileValidation"] = true,
            ["EventSelectors"] = new object[]
            {
                new Dictionary<string, object> { ["IncludeManagementEvents"] = true, ["ReadWriteType"] = "All" },
            },
        });
    }

    [Fact]
    public void Trail_WhenRequested_ShouldBeCreatedOnceForAMultiRegionDeployment()
    {
        synth.Template("us-east-1").ResourceCountIs("AWS::CloudTrail::Trail", 1);
        synth.Template("eu-west-1").ResourceCountIs("AWS::CloudTrail::Trail", 0);
    }

    [Fact]
    public void TrailBucket_ShouldBePrivateEncryptedAndKept()
    {
        synth.Template("us-east-1").HasResource("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["DeletionPolicy"] = "Retain",
            ["Properties"] = new Dictionary<string, object>
            {
                ["BucketEncryption"] = new Dictionary<string, object>
                {
                    ["ServerSideEncryptionConfiguration"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["ServerSideEncryptionByDefault"] = new Dictionary<string, object> { ["SSEAlgorithm"] = "AES256" },
                        },
                    },
                },
                ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
                {
                    ["BlockPublicAcls"] = true,
                    ["BlockPublicPolicy"] = true,
                    ["IgnorePublicAcls"] = true,
                    ["RestrictPublicBuckets"] = true,
                },
                ["VersioningConfiguration"] = new Dictionary<string, object> { ["Status"] = "Enabled" },
            },
        });
    }

    [Fact]
    public void TrailBucketPolicy_ShouldAdmitCloudTrailForThisTrailOnly()
    {
        var json = synth.Json("us-east-1");
        var trail = Assert.Single(TemplateJson.Resources(json, "AWS::CloudTrail::Trail")).Properties;
        var policy = Assert.Single(TemplateJson.Resources(json, "AWS::S3::BucketPolicy")).Properties;
        var statements = policy["PolicyDocument"]!["Statement"]!.AsArray().Where(s => TemplateJson.Services(s!).Contains("cloudtrail.amazonaws.com")).ToList();
        Assert.Equal(2, statements.Count);
        var trailName = (string)trail["TrailName"]!;
        Assert.All(statements, s =>
        {
            var sourceArn = s!["Condition"]!["StringEquals"]!["aws:SourceArn"]!.ToJsonString();
            Assert.Contains($":trail/{trailName}", sourceArn, StringComparison.Ordinal);
            Assert.Contains("cloudtrail:us-east-1:", sourceArn, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("us-east-1", null, 1)]
    [InlineData("eu-west-1", null, 0)]
    [InlineData("eu-west-1", "eu-west-1", 1)]
    public void Trail_InALoopOfSingleRegionDeployments_ShouldBeCreatedOnlyInTheTrailRegion(string region, string? trailRegion, int trails)
    {
        var context = new Dictionary<string, object> { ["alertEmails"] = "a@x.com", ["createTrail"] = "true" };
        if (trailRegion is not null)
        {
            context["trailRegion"] = trailRegion;
        }

        var app = new Amazon.CDK.App(new Amazon.CDK.AppProps { Outdir = Path.Combine(Path.GetTempPath(), "guardalerts-trail-" + Guid.NewGuid().ToString("N")) });
        var settings = GuardAlerts.Cdk.Configuration.DeploymentSettings.FromContext(k => context.GetValueOrDefault(k));
        var stack = GuardAlertsApp.AddStacks(app, settings, RiskTables.Repo(), inProcess.Package, "111122223333", region).Single();

        Amazon.CDK.Assertions.Template.FromStack(stack).ResourceCountIs("AWS::CloudTrail::Trail", trails);
    }

    [Fact]
    public void Trail_ByDefault_ShouldNotBeCreated()
    {
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::CloudTrail::Trail", 0);
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::S3::Bucket", 0);
    }
}
