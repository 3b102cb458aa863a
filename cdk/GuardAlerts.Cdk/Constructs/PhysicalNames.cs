using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GuardAlerts.Cdk.Constructs;

/// <summary>
/// Names for the resources self-protection watches by name: the exception to "no physical names". CloudTrail
/// records a call with the name the caller gave (requestParameters.name, roleName, alarmName), so a pattern must hold
/// that name. A rule cannot carry its own name or its watcher's as a CloudFormation reference (the two rules would
/// depend on each other), and the companion stack in us-east-1 cannot reference a regional stack's names at all.
/// Generated names ("stack-LogicalId-SUFFIX") are no substitute: CloudFormation shortens them past a service's limit
/// (64 characters for rules and roles) in an undocumented way, so a prefix on the stack name stops matching. These
/// names are short (at most 64 characters), deterministic (the same on every synth) and unique: the base is the
/// stack's name with its region (roles are global, and one stack name may be deployed in several regions), cut and
/// given a digest of the whole when it is long.
/// </summary>
internal sealed partial class PhysicalNames
{
    /// <summary>EventBridge rule and IAM role names: at most 64 characters.</summary>
    public const int MaxLength = 64;

    private const int MaxBaseLength = 30;

    private PhysicalNames(string identity)
    {
        Base = identity.Length <= MaxBaseLength
            ? identity
            : identity[..(MaxBaseLength - 7)].TrimEnd('-') + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..6].ToLowerInvariant();
    }

    /// <summary>What every name of the stack starts with.</summary>
    public string Base { get; }

    /// <summary>
    /// The names of a stack: its name, with its region unless the name already ends with it or the region is not
    /// known at synth (a region-agnostic stack, which only `cdk synth` without a profile produces).
    /// </summary>
    public static PhysicalNames For(string stackName, string? region)
    {
        ArgumentException.ThrowIfNullOrEmpty(stackName);
        var identity = region is null || Amazon.CDK.Token.IsUnresolved(region) || stackName.EndsWith("-" + region, StringComparison.Ordinal)
            ? stackName
            : $"{stackName}-{region}";
        return new PhysicalNames(identity);
    }

    /// <summary>"base-purpose"; the purpose is a short PascalCase word such as "Heartbeat" or "ForwardRole".</summary>
    public string Name(string purpose)
    {
        if (!PurposePattern().IsMatch(purpose))
        {
            throw new ArgumentException($"'{purpose}' is not a name purpose (letters and digits)", nameof(purpose));
        }

        var name = $"{Base}-{purpose}";
        return name.Length <= MaxLength
            ? name
            : throw new ArgumentException($"'{name}' is longer than {MaxLength} characters: use a shorter purpose", nameof(purpose));
    }

    /// <summary>What every alarm name of the stack starts with: self-protection matches alarms by it.</summary>
    public string AlarmPrefix => Base + "-Alarm-";

    /// <summary>
    /// An alarm's name. Alarms are matched by <see cref="AlarmPrefix"/> rather than listed: the alarms watch the
    /// self-protection rules (FailedInvocations), so the rules' patterns cannot wait for the list of alarms. Alarm
    /// names may be 255 characters long, so these are never shortened.
    /// </summary>
    public string Alarm(string purpose) => AlarmPrefix + Name(purpose)[(Base.Length + 1)..];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex PurposePattern();
}
