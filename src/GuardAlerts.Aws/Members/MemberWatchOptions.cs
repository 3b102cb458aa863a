using System.Text.RegularExpressions;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Organizations;
using GuardAlerts.Core.Members;
using V = GuardAlerts.Aws.Members.MemberEnvironmentVariables;

namespace GuardAlerts.Aws.Members;

/// <summary>The members function's settings, read once at start-up and validated; every problem names its variable.</summary>
public sealed partial record MemberWatchOptions
{
    /// <summary>The expected regions.</summary>
    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>The configured accounts (empty with an organization).</summary>
    public required IReadOnlyList<string> Accounts { get; init; }

    /// <summary>The organization whose accounts are listed, or null.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Where Organizations requests go.</summary>
    public required Uri OrganizationsEndpoint { get; init; }

    /// <summary>Reads and validates the settings; throws <see cref="AwsOptionsException"/> listing every problem.</summary>
    public static MemberWatchOptions FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var errors = new List<string>();
        var regions = List(getVariable(V.Regions));
        if (regions.Count == 0)
        {
            errors.Add($"{V.Regions} is not set (comma-separated regions every member account should send heartbeats from)");
        }

        errors.AddRange(regions.Where(r => !MemberId.IsRegion(r)).Select(r => $"{V.Regions}: '{r}' is not a region name (e.g. eu-west-1)"));
        var accounts = List(getVariable(V.Accounts));
        errors.AddRange(accounts.Where(a => !MemberId.IsAccount(a)).Select(a => $"{V.Accounts}: '{a}' is not an account id (12 digits)"));
        var organization = getVariable(V.OrganizationId)?.Trim() is { Length: > 0 } o ? o : null;
        if (organization is not null && !OrganizationPattern().IsMatch(organization))
        {
            errors.Add($"{V.OrganizationId}: '{organization}' is not an organization id (o- and 10 to 32 lowercase letters or digits)");
        }

        if (organization is null == (accounts.Count == 0))
        {
            errors.Add($"exactly one of {V.OrganizationId} and {V.Accounts} must be set");
        }

        var endpoint = AwsAdapterOptions.ReadEndpoint(getVariable, errors, V.OrganizationsEndpointUrl) ?? OrganizationsClient.DefaultEndpoint;
        if (errors.Count > 0)
        {
            throw new AwsOptionsException(errors);
        }

        return new MemberWatchOptions { Regions = regions, Accounts = accounts, OrganizationId = organization, OrganizationsEndpoint = endpoint };
    }

    private static List<string> List(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationPattern();
}
