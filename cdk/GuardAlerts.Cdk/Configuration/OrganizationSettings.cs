using System.Text.RegularExpressions;

namespace GuardAlerts.Cdk.Configuration;

/// <summary>
/// How the deployment fits an AWS Organization (docs/organizations.md): one account alone (standalone), the central
/// alerting account whose event bus the members forward to (central), or a member that only forwards (member).
/// </summary>
internal sealed partial record OrganizationSettings
{
    public DeploymentMode Mode { get; init; } = DeploymentMode.Standalone;

    /// <summary>Central: the organization whose accounts may put events on the central bus (aws:PrincipalOrgID).</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Central: the accounts that may put events on the central bus, when no organization is named.</summary>
    public IReadOnlyList<string> MemberAccounts { get; init; } = [];

    /// <summary>Central: the regions every member account should send heartbeats from; empty: the central stack's regions.</summary>
    public IReadOnlyList<string> MemberRegions { get; init; } = [];

    /// <summary>Member: the central bus the member's rules forward to.</summary>
    public string? CentralBusArn { get; init; }

    /// <summary>
    /// Member: "true" forwards the member's GuardDuty findings too. Off by default: a GuardDuty delegated
    /// administrator (the central account) already receives every member's findings on its own default bus, and a
    /// forwarded copy would only arrive twice.
    /// </summary>
    public bool ForwardGuardDuty { get; init; }

    /// <summary>Reads the organization settings, adding every problem to <paramref name="errors"/>.</summary>
    public static OrganizationSettings FromContext(Func<string, object?> tryGetContext, Func<string, string?> text, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(tryGetContext);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var mode = DeploymentMode.Standalone;
        if (text(ContextKeys.Deployment) is { } modeText)
        {
            if (!Enum.TryParse(modeText, ignoreCase: true, out mode) || !Enum.IsDefined(mode) || modeText.Any(char.IsDigit))
            {
                errors.Add($"{ContextKeys.Deployment}: '{modeText}' is not one of standalone, central, member");
                mode = DeploymentMode.Standalone;
            }
        }

        var organizationId = text(ContextKeys.OrganizationId);
        var memberAccounts = (text(ContextKeys.MemberAccounts) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var centralBusArn = text(ContextKeys.CentralBusArn);
        var memberRegions = (text(ContextKeys.MemberRegions) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        errors.AddRange(memberRegions.Where(r => !DeploymentSettings.RegionPattern().IsMatch(r)).Select(r => $"{ContextKeys.MemberRegions}: '{r}' is not a region name (e.g. us-east-1)"));
        var forwardText = text(ContextKeys.ForwardGuardDuty);
        var forwardGuardDuty = false;
        if (forwardText is not null && !bool.TryParse(forwardText, out forwardGuardDuty))
        {
            errors.Add($"{ContextKeys.ForwardGuardDuty}: '{forwardText}' is not true or false");
        }

        if (organizationId is not null && !OrganizationIdPattern().IsMatch(organizationId))
        {
            errors.Add($"{ContextKeys.OrganizationId}: '{organizationId}' is not an organization id (o- and 10 to 32 lowercase letters or digits)");
        }

        foreach (var account in memberAccounts.Where(a => !AccountPattern().IsMatch(a)))
        {
            errors.Add($"{ContextKeys.MemberAccounts}: '{account}' is not an account id (12 digits)");
        }

        if (centralBusArn is not null && !BusArnPattern().IsMatch(centralBusArn))
        {
            errors.Add($"{ContextKeys.CentralBusArn}: '{centralBusArn}' is not an event bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)");
        }

        switch (mode)
        {
            case DeploymentMode.Central when organizationId is null == (memberAccounts.Count == 0):
                errors.Add($"{ContextKeys.Deployment}=central needs exactly one of {ContextKeys.OrganizationId} (every account of the organization may forward) "
                    + $"or {ContextKeys.MemberAccounts} (only the listed accounts may)");
                break;
            case DeploymentMode.Member when centralBusArn is null:
                errors.Add($"{ContextKeys.Deployment}=member needs {ContextKeys.CentralBusArn} (the CentralBusArn output of the central stack)");
                break;
        }

        NotIn(mode, DeploymentMode.Central, errors, (ContextKeys.OrganizationId, organizationId), (ContextKeys.MemberAccounts, memberAccounts.Count > 0 ? "set" : null),
            (ContextKeys.MemberRegions, memberRegions.Count > 0 ? "set" : null));
        NotIn(mode, DeploymentMode.Member, errors, (ContextKeys.CentralBusArn, centralBusArn), (ContextKeys.ForwardGuardDuty, forwardText));
        return new OrganizationSettings
        {
            Mode = mode,
            OrganizationId = organizationId,
            MemberAccounts = memberAccounts,
            MemberRegions = memberRegions,
            CentralBusArn = centralBusArn,
            ForwardGuardDuty = forwardGuardDuty,
        };
    }

    // A setting of another mode would be silently ignored: say so instead.
    private static void NotIn(DeploymentMode mode, DeploymentMode owner, List<string> errors, params (string Key, string? Value)[] settings)
    {
        foreach (var (key, _) in settings.Where(s => mode != owner && s.Value is not null))
        {
            errors.Add($"{key} applies to {ContextKeys.Deployment}={owner.ToString().ToLowerInvariant()} only, not {mode.ToString().ToLowerInvariant()}");
        }
    }

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationIdPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:events:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:event-bus/[A-Za-z0-9._\-]{1,256}$")]
    private static partial Regex BusArnPattern();
}
