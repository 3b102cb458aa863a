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
    public void Trail_ByDefault_ShouldNotBeCreated()
    {
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::CloudTrail::Trail", 0);
        inProcess.DefaultsTemplate.ResourceCountIs("AWS::S3::Bucket", 0);
    }
}
