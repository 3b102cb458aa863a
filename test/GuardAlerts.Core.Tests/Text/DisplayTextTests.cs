using System.Text;
using GuardAlerts.Core.Reading;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Tests.Text;

public class DisplayTextTests
{
    [Fact]
    public void Name_WhenPrintableAscii_ShouldReturnTheSameInstance()
    {
        var name = "/var/log/cloudtrail/111122223333_CloudTrail_us-east-1_20261017T0000Z_00001.json.gz";

        Assert.Same(name, DisplayText.Name(name));
    }

    [Theory]
    [InlineData("a\nb.json", "a\\nb.json")]
    [InlineData("a\r\n\tb", "a\\r\\n\\tb")]
    [InlineData("\u001b[31mred\u001b[0m.json", "\\x1B[31mred\\x1B[0m.json")]
    [InlineData("nul\0del\u007fnel\u0085", "nul\\x00del\\x7Fnel\\x85")]
    [InlineData("gpj\u202E.exe", "gpj\\u202E.exe")]
    [InlineData("zero\u200Bwidth\uFEFF", "zero\\u200Bwidth\\uFEFF")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("tag\U000E0041", "tag\\U000E0041")]
    [InlineData("journal é 🔥.json", "journal é 🔥.json")]
    public void Name_WhenControlsEscapesOrInvisibleCharacters_ShouldShowThemEscaped(string name, string shown)
    {
        var display = DisplayText.Name(name);

        Assert.Equal(shown, display);
        Assert.DoesNotContain(display, c => char.IsControl(c));
    }

    [Fact]
    public void Name_WhenLoneSurrogate_ShouldShowItEscaped() =>
        // Not theory data: test discovery would replace the lone surrogate before the test saw it.
        Assert.Equal("lone\\uD800 and \\uDC00", DisplayText.Name("lone\uD800 and \uDC00"));

    [Fact]
    public async Task ReadAsync_WhenTheSourceNameHoldsLineBreaksAndEscapes_ShouldNameItEscapedInEveryItem()
    {
        var items = new List<InputItem>();
        await foreach (var item in EventReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("not json\n{\"a\":\n")), "evil\n\u001b[2Jname.json"))
        {
            items.Add(item);
        }

        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("evil\\n\\x1B[2Jname.json", i.Source));
        Assert.All(items, i => Assert.DoesNotContain(i.Position, c => char.IsControl(c)));
    }
}
