using Amazon.CDK;
using Amazon.CDK.AWS.CloudTrail;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// `-c createTrail=true`: CloudTrail events reach EventBridge only while a trail logs management events. For an
/// account without one: a multi-region trail of all management events (read and write), with global service events,
/// log file validation, into a private, encrypted, TLS-only bucket that outlives the stack.
/// </summary>
internal sealed class ManagementTrail : Construct
{
    public ManagementTrail(Construct scope, string id) : base(scope, id)
    {
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
        Trail = new Trail(this, "Trail", new TrailProps
        {
            Bucket = Bucket,
            IsMultiRegionTrail = true,
            IncludeGlobalServiceEvents = true,
            ManagementEvents = ReadWriteType.ALL,
            EnableFileValidation = true,
        });
    }

    public Bucket Bucket { get; }

    public Trail Trail { get; }
}
