using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Config;

namespace GuardAlerts.Core.Tests.Accounts;

public sealed class AccountNamesTests
{
    private static (AccountNames Names, List<string> Errors) Parse(string? text)
    {
        var errors = new List<string>();
        return (AccountNames.Parse(text, "names", errors), errors);
    }

    [Fact]
    public void Parse_WhenEntriesAreValid_ShouldKeepSpacesAndPunctuationInNames()
    {
        var (names, errors) = Parse(" 111122223333=prod ,444455556666=Staging EU (Frankfurt) & co.: 2=x,");

        Assert.Empty(errors);
        Assert.Equal(new Dictionary<string, string> { ["111122223333"] = "prod", ["444455556666"] = "Staging EU (Frankfurt) & co.: 2=x" }, names.Names);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void Parse_WhenEmpty_ShouldHaveNoNames(string? text)
    {
        var (names, errors) = Parse(text);

        Assert.Empty(errors);
        Assert.Same(AccountNames.Empty, names);
    }

    [Theory]
    [InlineData("prod", "names: 'prod' is not account-id=name")]
    [InlineData("11112222333a=prod", "names: '11112222333a=prod': the account id '11112222333a' is not 12 digits")]
    [InlineData("１１１１２２２２３３３３=prod", "is not 12 digits")]
    [InlineData("111122223333=  ", "account 111122223333 has an empty name")]
    [InlineData("111122223333=a\u0007b", "names: '111122223333=a\\x07b': the name of account 111122223333 holds a control character")]
    [InlineData("111122223333=a,111122223333=b", "names: '111122223333=b': account 111122223333 is named twice ('a' before)")]
    public void Parse_WhenAnEntryIsBad_ShouldNameItAndKeepTheValidOnes(string text, string expected)
    {
        var (names, errors) = Parse(text + ",999988887777=ok");

        Assert.Contains(expected, Assert.Single(errors), StringComparison.Ordinal);
        Assert.Equal("ok", names.NameOf("999988887777"));
    }

    [Fact]
    public void Parse_WhenANameIsLongerThanAwsAllows_ShouldSayHowLong()
    {
        var (_, fifty) = Parse("111122223333=" + string.Concat(Enumerable.Repeat("😀", 50)));
        var (_, fiftyOne) = Parse("111122223333=" + new string('n', 51));

        Assert.Empty(fifty);
        Assert.Contains("has 51 characters, more than 50", Assert.Single(fiftyOne), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenThrowingVariantHasErrors_ShouldThrowEveryOne()
    {
        var ex = Assert.Throws<ConfigException>(() => AccountNames.Parse("1=a,2=b", "VARIABLE"));

        Assert.Contains("VARIABLE: '1=a'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VARIABLE: '2=b'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_ShouldReadBackAsTheSameNames()
    {
        var names = AccountNames.Parse("444455556666=b c,111122223333=a", "names");

        Assert.Equal("111122223333=a,444455556666=b c", names.ToString());
        Assert.Equal(names.Names, AccountNames.Parse(names.ToString(), "names").Names);
    }

    [Fact]
    public void Over_ShouldPreferItsOwnNamesAndKeepTheOthers()
    {
        var configured = AccountNames.Parse("111122223333=prod", "names");
        var organization = AccountNames.From([new("111122223333", "Production"), new("444455556666", "Staging")]);

        var merged = configured.Over(organization);

        Assert.Equal("prod", merged.NameOf("111122223333"));
        Assert.Equal("Staging", merged.NameOf("444455556666"));
        Assert.Null(merged.NameOf("777788889999"));
        Assert.Null(merged.NameOf(null));
    }

    [Fact]
    public void From_ShouldLeaveOutEntriesOrganizationsCouldNotHaveWritten()
    {
        var names = AccountNames.From([new("111122223333", "ok, with a comma"), new("12", "short"), new("444455556666", ""), new("555566667777", "a\nb"),
            new("666677778888", new string('n', 51))]);

        Assert.Equal(new Dictionary<string, string> { ["111122223333"] = "ok, with a comma" }, names.Names);
    }

    [Fact]
    public void From_WhenANameHoldsParenthesesOrFormattingCharacters_ShouldKeepItWithinItsOwnParentheses()
    {
        var names = AccountNames.From([new("111122223333", "prod) us-east-1 - root (x"), new("444455556666", "\u202Eenilno"), new("555566667777", "\u200B")]);

        Assert.Equal("prod] us-east-1 - root [x", names.NameOf("111122223333"));
        Assert.Equal("enilno", names.NameOf("444455556666"));
        Assert.Equal("?", names.NameOf("555566667777"));
    }
}
