using System.Globalization;
using System.Text.RegularExpressions;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// --accounts n --regions a,b,... [--volume x]: an organization's day instead of a corpus of a given size. The first
/// region listed is most accounts' home (the second is the rest's); us-east-1 must be among them, because CloudTrail
/// records IAM calls and console sign-ins through the global endpoint there.
/// </summary>
internal sealed partial record OrgOptions(int Accounts, IReadOnlyList<string> Regions, double Volume)
{
    /// <summary>The options, or an error naming the option and what is wrong with it.</summary>
    public static (OrgOptions? Options, string? Error) Parse(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("--accounts", out var accountsText) || !int.TryParse(accountsText, NumberStyles.None, CultureInfo.InvariantCulture, out var accounts) || accounts < 1 || accounts > 100_000)
        {
            return (null, $"--accounts: expected a whole number from 1 to 100000, got '{options.GetValueOrDefault("--accounts")}'");
        }

        if (!options.TryGetValue("--regions", out var regionsText) || regionsText.Length == 0)
        {
            return (null, "--regions: expected a comma-separated list of regions, such as us-east-1,eu-west-1");
        }

        var regions = regionsText.Split(',');
        if (regions.FirstOrDefault(r => !RegionName().IsMatch(r)) is { } bad)
        {
            return (null, $"--regions: '{bad}' is not a region name (such as eu-west-1)");
        }

        if (regions.Distinct(StringComparer.Ordinal).Count() != regions.Length)
        {
            return (null, $"--regions: a region is listed twice in '{regionsText}'");
        }

        if (!regions.Contains(OrgPlanner.GlobalRegion))
        {
            return (null, "--regions: must include us-east-1, where CloudTrail records IAM calls and console sign-ins through the global endpoint");
        }

        var volumeText = options.GetValueOrDefault("--volume", "1");
        if (!double.TryParse(volumeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var volume) || !(volume > 0) || volume > 100)
        {
            return (null, $"--volume: expected a number above 0 and at most 100, got '{volumeText}'");
        }

        return (new OrgOptions(accounts, regions, volume), null);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();
}
