using System.Globalization;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Tests.Configuration;

/// <summary>-c accountNames=111122223333=prod,...: read in standalone and central, refused in a member, bounded by the functions' environment.</summary>
public sealed class AccountNamesSettingsTests
{
    private const string BusArn = "arn:aws:events:eu-west-1:111122223333:event-bus/GuardAlerts-eu-west-1-CentralBus";

    private static DeploymentSettings Read(Dictionary<string, object?> context) =>
        DeploymentSettings.FromContext(k => context.GetValueOrDefault(k), context.Keys);

    private static string Error(Dictionary<string, object?> context) =>
        Assert.Throws<DeploymentSettingsException>(() => Read(context)).Message;

    [Theory]
    [InlineData("standalone")]
    [InlineData("central")]
    public void FromContext_WhenAccountNamesInStandaloneOrCentral_ShouldReadThem(string mode)
    {
        var settings = Read(new()
        {
            ["deployment"] = mode, ["allowNoSubscribers"] = "true", ["organizationId"] = mode == "central" ? "o-a1b2c3d4e5" : null,
            ["accountNames"] = " 111122223333=prod , 444455556666=Staging EU (Frankfurt) & co.",
        });

        Assert.Equal(new Dictionary<string, string> { ["111122223333"] = "prod", ["444455556666"] = "Staging EU (Frankfurt) & co." }, settings.AccountNames.Names);
    }

    [Fact]
    public void FromContext_WhenNoAccountNames_ShouldHaveNone()
    {
        Assert.Equal(0, Read(new() { ["allowNoSubscribers"] = "true" }).AccountNames.Count);
    }

    [Fact]
    public void FromContext_WhenAccountNamesInAMember_ShouldRefuseNamingTheKey()
    {
        var error = Error(new() { ["deployment"] = "member", ["centralBusArn"] = BusArn, ["accountNames"] = "111122223333=prod" });

        Assert.Contains("accountNames does not apply to deployment=member", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11112222333=prod", "accountNames: '11112222333=prod': the account id '11112222333' is not 12 digits")]
    [InlineData("1111222233334=prod", "the account id '1111222233334' is not 12 digits")]
    [InlineData("111122223333=", "accountNames: '111122223333=': account 111122223333 has an empty name")]
    [InlineData("111122223333", "accountNames: '111122223333' is not account-id=name")]
    [InlineData("111122223333=prod,111122223333=prod-2", "accountNames: '111122223333=prod-2': account 111122223333 is named twice ('prod' before)")]
    [InlineData("111122223333=a\tb", "accountNames: '111122223333=a\\tb': the name of account 111122223333 holds a control character")]
    [InlineData("111122223333=123456789012345678901234567890123456789012345678901", "the name of account 111122223333 has 51 characters, more than 50")]
    public void FromContext_WhenAnEntryIsBad_ShouldNameTheEntry(string names, string expected)
    {
        var error = Error(new() { ["allowNoSubscribers"] = "true", ["accountNames"] = names });

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void FromContext_WhenANameHas50Characters_ShouldAcceptIt()
    {
        var name = new string('n', 49) + "é";

        Assert.Equal(name, Read(new() { ["allowNoSubscribers"] = "true", ["accountNames"] = "111122223333=" + name }).AccountNames.NameOf("111122223333"));
    }

    [Fact]
    public void FromContext_WhenTheMapExceedsTheFunctionsEnvironment_ShouldRefusePointingAtOrganizations()
    {
        // 50-character names: 64 bytes an entry with its id and separators.
        var fits = AccountNamesBudget.MaxValueBytes / 64;
        string Names(int count) => string.Join(",", Enumerable.Range(0, count).Select(i => $"{100000000000 + i}={new string('x', 50)}"));

        var largest = Read(new() { ["allowNoSubscribers"] = "true", ["accountNames"] = Names(fits) });
        var error = Error(new() { ["allowNoSubscribers"] = "true", ["accountNames"] = Names(fits + 1) });

        Assert.Equal(fits, largest.AccountNames.Count);
        Assert.Contains($"accountNames: {fits + 1} names take", error, StringComparison.Ordinal);
        Assert.Contains(AccountNamesBudget.MaxValueBytes.ToString("N0", CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.Contains("name the accounts in AWS Organizations instead", error, StringComparison.Ordinal);
    }
}
