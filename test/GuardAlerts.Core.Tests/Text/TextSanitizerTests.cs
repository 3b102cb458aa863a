using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Tests.Text;

public class TextSanitizerTests
{
    [Fact]
    public void ToSingleLine_WhenPlainAscii_ShouldReturnTheSameInstance()
    {
        var text = "role app (session i-0abc) arn:aws:iam::111122223333:role/app";

        Assert.Same(text, TextSanitizer.ToSingleLine(text, 512));
    }

    [Theory]
    [InlineData(" lead", "lead")]
    [InlineData("trail ", "trail")]
    [InlineData("two  spaces", "two spaces")]
    [InlineData("tab\there", "tab here")]
    [InlineData("line\r\nbreak", "line break")]
    [InlineData("bidi\u202Eexe.jpg", "bidiexe.jpg")]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("caf\u00e9 \U0001F600", "caf\u00e9 \U0001F600")]
    [InlineData("del\u007Fchar", "del char")]
    public void ToSingleLine_WhenTextNeedsCleaning_ShouldCleanIt(string text, string expected) =>
        Assert.Equal(expected, TextSanitizer.ToSingleLine(text, 512));

    [Fact]
    public void ToSingleLine_WhenPlainButTooLong_ShouldTruncate() =>
        Assert.Equal("abcdefg...", TextSanitizer.ToSingleLine(new string('x', 0) + "abcdefghijklmnop", 10));

    [Fact]
    public void ToSingleLine_WhenLoneSurrogate_ShouldReplaceIt() =>
        Assert.Equal("a\uFFFDb", TextSanitizer.ToSingleLine("a\uD800b", 512));

    [Fact]
    public void ToPrintableAscii_WhenPlainAndShortEnough_ShouldReturnTheSameInstance()
    {
        var text = "High: CloudTrail logging stopped - 111122223333 us-east-1 - alice";

        Assert.Same(text, TextSanitizer.ToPrintableAscii(text, 100));
    }

    [Theory]
    [InlineData("abc def", 4, "abc")]
    [InlineData("abc def", 3, "abc")]
    [InlineData("abcdef", 3, "abc")]
    [InlineData("abc def", 5, "abc d")]
    [InlineData("abc", 0, "")]
    [InlineData(" lead  and  double ", 100, "lead and double")]
    [InlineData("tab\there\r\nnext", 100, "tab here next")]
    [InlineData("caf\u00e9 \U0001F600!", 100, "caf? ?!")]
    [InlineData("bidi\u202Eexe zero\u200Bwidth", 100, "bidiexe zerowidth")]
    [InlineData("a  b", 2, "a")]
    public void ToPrintableAscii_WhenCutOrCleaned_ShouldCutAtTheLimitAndTrim(string text, int max, string expected) =>
        Assert.Equal(expected, TextSanitizer.ToPrintableAscii(text, max));
}
