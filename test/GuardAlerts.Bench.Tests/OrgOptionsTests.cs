using GuardAlerts.Bench.CorpusGen;

namespace GuardAlerts.Bench.Tests;

/// <summary>--accounts, --regions and --volume: accepted as given, refused with the option named.</summary>
public sealed class OrgOptionsTests
{
    [Fact]
    public void TheRegionsAreTakenAsGivenInTheirOrder()
    {
        var (options, error) = OrgOptions.Parse(new Dictionary<string, string> { ["--accounts"] = "100", ["--regions"] = "eu-west-1,us-east-1,ap-southeast-2,us-gov-west-1" });
        Assert.Null(error);
        Assert.Equal(100, options!.Accounts);
        Assert.Equal(["eu-west-1", "us-east-1", "ap-southeast-2", "us-gov-west-1"], options.Regions);
        Assert.Equal(1.0, options.Volume);
    }

    [Theory]
    [InlineData("0", "us-east-1", "1", "--accounts")]
    [InlineData("-3", "us-east-1", "1", "--accounts")]
    [InlineData("ten", "us-east-1", "1", "--accounts")]
    [InlineData("10", "", "1", "--regions")]
    [InlineData("10", "us-east-1,eu-west-1,us-east-1", "1", "listed twice")]
    [InlineData("10", "us-east-1,Europe", "1", "'Europe' is not a region")]
    [InlineData("10", "us-east-1,eu-west-1 ", "1", "'eu-west-1 ' is not a region")]
    [InlineData("10", "eu-west-1,eu-central-1", "1", "must include us-east-1")]
    [InlineData("10", "us-east-1", "0", "--volume")]
    [InlineData("10", "us-east-1", "NaN", "--volume")]
    public void BadOptionsAreRefusedNamingWhatIsWrong(string accounts, string regions, string volume, string expected)
    {
        var (options, error) = OrgOptions.Parse(new Dictionary<string, string> { ["--accounts"] = accounts, ["--regions"] = regions, ["--volume"] = volume });
        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
