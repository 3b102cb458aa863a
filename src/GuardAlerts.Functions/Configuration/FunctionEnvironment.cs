namespace GuardAlerts.Functions.Configuration;

/// <summary>The environment variables the function reads besides the AWS adapters' (see AwsEnvironmentVariables).</summary>
internal static class FunctionEnvironment
{
    /// <summary>"guardduty", "cloudtrail" or "members": which function this process serves (set by Lambda from the handler setting).</summary>
    public const string Handler = "_HANDLER";

    /// <summary>host:port of the Lambda Runtime API.</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The X-Ray trace header of the current invocation, set per event.</summary>
    public const string TraceId = "_X_AMZN_TRACE_ID";

    /// <summary>
    /// The folder of the policy files (risk-table.json, exemptions.json, optional providers.json): the stack's policy
    /// layer, mounted under /opt. Required: the bootstrap embeds no policy to fall back to.
    /// </summary>
    public const string PolicyDirectory = "GUARDALERTS_POLICY_DIR";

    /// <summary>
    /// Optional: "111122223333=prod,444455556666=staging-eu", the names alerts give accounts beside their ids (the
    /// stack's accountNames setting). They win over the names from AWS Organizations.
    /// </summary>
    public const string AccountNames = "GUARDALERTS_ACCOUNT_NAMES";

    /// <summary>
    /// Optional: "true" in a central stack: alerts also name accounts as AWS Organizations does, read from the ledger
    /// table where the member-watch function keeps them. Unset or "false": configured names only.
    /// </summary>
    public const string OrganizationNames = "GUARDALERTS_ORGANIZATION_NAMES";
}
