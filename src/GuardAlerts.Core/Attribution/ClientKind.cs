namespace GuardAlerts.Core.Attribution;

/// <summary>How a call was made, judged from the user agent (which the caller chooses: a label, never a proof).</summary>
public enum ClientKind
{
    Unknown,
    Console,
    Cli,
    Sdk,
    Terraform,
    CloudFormation,
    AwsService,
    Other,
}
