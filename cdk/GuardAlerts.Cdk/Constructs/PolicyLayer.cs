using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// The policy files as a Lambda layer of their own, extracted by Lambda into /opt: a policy edit publishes a new
/// layer version (a small upload) and updates the functions' configuration, and leaves the bootstrap's asset alone.
/// A layer version is immutable, and a function keeps the version it was configured with even if that version is
/// deleted, so nobody can change the policy a function runs except by changing the function itself, which the
/// self-protection rules report.
/// </summary>
internal static class PolicyLayer
{
    public static LayerVersion Create(Construct scope, string id, string folder) => new(scope, id, new LayerVersionProps
    {
        Code = Code.FromAsset(folder),
        CompatibleRuntimes = [Runtime.PROVIDED_AL2023],
        CompatibleArchitectures = [Architecture.X86_64],
        Description = "GuardAlerts: the risk table, exemptions and providers the functions load at start-up",
    });
}
