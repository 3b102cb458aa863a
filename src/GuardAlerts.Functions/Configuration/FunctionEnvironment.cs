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
}
