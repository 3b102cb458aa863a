using Amazon.CDK;
using Amazon.CDK.AWS.CloudTrail;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// `-c createTrail=true`: CloudTrail events reach EventBridge only while a trail logs management events. For an
/// account without one: a multi-region trail of all management events (read and write), with global service events,
/// log file validation, into a private, encrypted, TLS-only bucket that outlives the stack. The bucket policy admits
/// CloudTrail for this trail only (aws:SourceArn, as the CloudTrail guide's bucket policy does:
/// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html); the trail
/// gets a fixed name because its ARN must be in the policy before the trail can be created.
/// </summary>
internal sealed class ManagementTrail : Construct
{
    public ManagementTrail(Construct scope, string id, string trailName) : base(scope, id)
    {
        var stack = Stack.Of(this);
        TrailName = trailName;
        Bucket = new Bucket(this, "Logs", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            EnforceSSL = true,
            Versioned = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            // Audit logs are evidence: a teardown of the alerting must not delete them.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        TrailArn = $"arn:{Aws.PARTITION}:cloudtrail:{stack.Region}:{stack.Account}:trail/{trailName}";
        var fromThisTrail = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = TrailArn },
        };
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudtrail.amazonaws.com")],
            Actions = ["s3:GetBucketAcl"],
            Resources = [Bucket.BucketArn],
            Conditions = fromThisTrail,
        }));
        Bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudtrail.amazonaws.com")],
            Actions = ["s3:PutObject"],
            Resources = [Bucket.ArnForObjects($"AWSLogs/{stack.Account}/*")],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object>
                {
                    ["aws:SourceArn"] = TrailArn,
                    ["s3:x-amz-acl"] = "bucket-owner-full-control",
                },
            },
        }));
        Trail = new CfnTrail(this, "Trail", new CfnTrailProps
        {
            TrailName = trailName,
            S3BucketName = Bucket.BucketName,
            IsLogging = true,
            IsMultiRegionTrail = true,
            IncludeGlobalServiceEvents = true,
            EnableLogFileValidation = true,
            EventSelectors = new object[] { new CfnTrail.EventSelectorProperty { IncludeManagementEvents = true, ReadWriteType = "All" } },
        });
        // CloudTrail checks the bucket policy when the trail is created.
        Trail.Node.AddDependency(Bucket.Policy!);
    }

    public Bucket Bucket { get; }

    public string TrailName { get; }

    public CfnTrail Trail { get; }

    public string TrailArn { get; }
}
