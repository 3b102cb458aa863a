using GuardAlerts.Core.Config;
using GuardAlerts.Functions.Configuration;
using GuardAlerts.Testing;

namespace GuardAlerts.Functions.Tests.Configuration;

/// <summary>The account-name settings of the function's environment (what an init error reports when they are wrong).</summary>
public sealed class FunctionSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);

    private static FunctionSettings Load(params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>
        {
            [FunctionEnvironment.Handler] = "cloudtrail",
            [FunctionEnvironment.PolicyDirectory] = RepoPaths.Config,
            ["AWS_REGION"] = "eu-west-1",
            ["GUARDALERTS_TABLE"] = "ledger",
            ["GUARDALERTS_TOPIC_ARN"] = "arn:aws:sns:eu-west-1:111122223333:alerts",
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return FunctionSettings.Load(n => variables.GetValueOrDefault(n), Now);
    }

    [Fact]
    public void Load_WhenNoAccountNames_ShouldHaveNoneAndNoOrganizationNames()
    {
        var settings = Load();

        Assert.Equal(0, settings.AccountNames.Count);
        Assert.False(settings.OrganizationNames);
    }

    [Fact]
    public void Load_WhenAccountNamesAndOrganizationNamesAreSet_ShouldReadBoth()
    {
        var settings = Load((FunctionEnvironment.AccountNames, "111122223333=prod,444455556666=staging eu"), (FunctionEnvironment.OrganizationNames, "true"));

        Assert.Equal("prod", settings.AccountNames.NameOf("111122223333"));
        Assert.Equal("staging eu", settings.AccountNames.NameOf("444455556666"));
        Assert.True(settings.OrganizationNames);
    }

    [Theory]
    [InlineData("111122223333=prod,12345=short", "'12345=short'")]
    [InlineData("111122223333", "'111122223333' is not account-id=name")]
    [InlineData("111122223333=prod,111122223333=other", "named twice")]
    public void Load_WhenAccountNamesAreMalformed_ShouldFailNamingTheVariableAndTheEntry(string value, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => Load((FunctionEnvironment.AccountNames, value)));

        Assert.Contains(FunctionEnvironment.AccountNames + ": ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenOrganizationNamesIsNotABoolean_ShouldFailNamingTheVariable()
    {
        var ex = Assert.Throws<ConfigException>(() => Load((FunctionEnvironment.OrganizationNames, "yes")));

        Assert.Contains(FunctionEnvironment.OrganizationNames, ex.Message, StringComparison.Ordinal);
    }
}
