using GuardAlerts.Core.Pipeline;

namespace GuardAlerts.Core.Tests.Samples;

/// <summary>
/// Requests read the way the AWS API reads them, proven on the samples: the rule that decides each one and the
/// severity it earns. A rule that matched the text of a request instead of its meaning fails here.
/// </summary>
public class RuleShapeTests
{
    [Theory]
    // Put(Account|Bucket)PublicAccessBlock: a setting left out of the request is false.
    [InlineData("PutBucketPublicAccessBlock-settings-omitted", "s3-bucket-public-access-block-removed", Severity.High)]
    [InlineData("PutAccountPublicAccessBlock-settings-omitted", "s3-account-public-access-block-removed", Severity.Critical)]
    [InlineData("PutBucketPublicAccessBlock-ignored-all-on", null, null)]
    // GuardDuty: CreateFilter without an action is NOOP; UpdateFilter without one keeps the filter's action.
    [InlineData("CreateFilter-ignored-action-omitted", null, null)]
    [InlineData("UpdateFilter-criteria-only", "guardduty-filter-criteria-changed", Severity.Medium)]
    [InlineData("UpdateFilter-ignored-made-noop", null, null)]
    // Event selectors: management events are lost only when no selector records them.
    [InlineData("PutEventSelectors-management-events-off", "cloudtrail-management-events-excluded", Severity.High)]
    [InlineData("PutEventSelectors-advanced-data-only", "cloudtrail-management-events-excluded", Severity.High)]
    [InlineData("PutEventSelectors-advanced-management-reads-only", "cloudtrail-management-events-excluded", Severity.High)]
    [InlineData("PutEventSelectors-advanced-management-kept", "cloudtrail-event-selectors-changed", Severity.Medium)]
    [InlineData("PutEventSelectors-data-and-management-selectors", "cloudtrail-event-selectors-changed", Severity.Medium)]
    // Bucket policies: aws:SecureTransport limits how, not who; a Deny grants nothing; NotPrincipal in an Allow is everyone else.
    [InlineData("PutBucketPolicy-public-secure-transport-only", "s3-bucket-policy-public", Severity.High)]
    [InlineData("PutBucketPolicy-public-not-principal", "s3-bucket-policy-public", Severity.High)]
    [InlineData("PutBucketPolicy-deny-insecure-transport", "s3-bucket-policy-changed", Severity.Medium)]
    [InlineData("PutBucketPolicy-public-principal-vpce-condition", "s3-bucket-policy-changed", Severity.Medium)]
    // Policies are parsed: URL-encoded documents, NotAction, IAM reads that grant nothing more.
    [InlineData("PutUserPolicy-admin-url-encoded", "iam-inline-policy-put", Severity.High)]
    [InlineData("PutRolePolicy-iam-read-only", "iam-inline-policy-put", Severity.Medium)]
    [InlineData("UpdateAssumeRolePolicy-anyone-url-encoded", "iam-role-trust-policy-changed", Severity.Critical)]
    [InlineData("UpdateAssumeRolePolicy-github-any-repository", "iam-role-trust-policy-changed", Severity.High)]
    [InlineData("UpdateAssumeRolePolicy-organization-only", "iam-role-trust-policy-changed", Severity.Medium)]
    [InlineData("CreateRole-ignored-lambda-service", null, null)]
    [InlineData("AddPermission20150331v2-ignored-s3-trigger", null, null)]
    [InlineData("PutKeyPolicy-own-account", "kms-key-policy-changed", Severity.Medium)]
    // Dry runs change nothing.
    [InlineData("AuthorizeSecurityGroupIngress-ignored-dry-run-world-ssh", null, null)]
    [InlineData("ModifySnapshotAttribute-ignored-dry-run-public", null, null)]
    [InlineData("ReplaceNetworkAclEntry-ignored-dry-run-world", null, null)]
    [InlineData("UpdateFunctionCode20150331v2-ignored-dry-run", null, null)]
    [InlineData("RunInstances-ignored-dry-run-gpu", null, null)]
    // EnableSnapshotBlockPublicAccess with state unblocked turns the guardrail off.
    [InlineData("EnableSnapshotBlockPublicAccess-unblocked", "ec2-block-public-access-disabled", Severity.High)]
    [InlineData("EnableSnapshotBlockPublicAccess-ignored-block-all-sharing", null, null)]
    // A launch template names the instance type only in the response; a refused launch is still the attempt.
    [InlineData("RunInstances-metal-from-launch-template", "ec2-unusual-instance-launched", Severity.High)]
    [InlineData("RunInstances-gpu-unauthorized", "ec2-unusual-instance-launched", Severity.Medium)]
    // A password changed by someone else, not by its user.
    [InlineData("UpdateLoginProfile-other-user", "iam-login-profile-created", Severity.High)]
    [InlineData("UpdateLoginProfile-own-password", "iam-login-profile-created", Severity.Medium)]
    // Lifecycle: only an enabled rule deletes; days may be text.
    [InlineData("PutBucketLifecycle-short-expiration", "s3-lifecycle-short-expiration", Severity.Medium)]
    [InlineData("PutBucketLifecycle-ignored-disabled-rule", null, null)]
    // The root user: every write call, never rated below the root rule.
    [InlineData("CreateBucket-root-access-key", "root-user-api-call", Severity.Critical)]
    [InlineData("AttachUserPolicy-root-raised-by-root-rule", "iam-policy-attached", Severity.High)]
    [InlineData("ListUsers-ignored-root-read-only", null, null)]
    public async Task Sample_WhenReplayed_ShouldBeDecidedByTheRuleThatReadsItsShape(string sample, string? rule, Severity? severity)
    {
        var decision = (await SampleRun.GetAsync()).Single(r => r.File == Path.Combine("cloudtrail", sample + ".json")).Decision;

        Assert.Equal(rule is null ? Outcome.Ignored : Outcome.Alert, decision.Outcome);
        if (rule is not null)
        {
            Assert.Equal((rule, severity), (decision.RuleId, decision.Severity));
        }
    }
}
