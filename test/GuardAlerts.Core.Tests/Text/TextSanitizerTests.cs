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
}
