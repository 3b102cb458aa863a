namespace GuardAlerts.Aws.Members;

/// <summary>
/// The members function's own environment variables. It also reads the adapters' (AwsEnvironmentVariables):
/// GUARDALERTS_TABLE, and GUARDALERTS_TOPIC_ARN, which for this function is the pager topic.
/// </summary>
public static class MemberEnvironmentVariables
{
    /// <summary>Comma-separated regions every expected account sends heartbeats from (required).</summary>
    public const string Regions = "GUARDALERTS_MEMBER_REGIONS";

    /// <summary>Comma-separated expected account ids (memberAccounts); exactly one of this and <see cref="OrganizationId"/>.</summary>
    public const string Accounts = "GUARDALERTS_MEMBER_ACCOUNTS";

    /// <summary>The organization (o-...) whose ACTIVE accounts are expected, read from AWS Organizations.</summary>
    public const string OrganizationId = "GUARDALERTS_ORGANIZATION_ID";

    /// <summary>Overrides the Organizations endpoint (AWS SDK convention); wins over AWS_ENDPOINT_URL.</summary>
    public const string OrganizationsEndpointUrl = "AWS_ENDPOINT_URL_ORGANIZATIONS";
}
