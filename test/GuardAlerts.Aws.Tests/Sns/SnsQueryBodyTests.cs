using System.Text;
using GuardAlerts.Aws.Sns;
using GuardAlerts.Aws.Tests.Infrastructure;

namespace GuardAlerts.Aws.Tests.Sns;

public sealed class SnsQueryBodyTests
{
    [Theory]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData(" ", "%20")]
    [InlineData("!'()*", "%21%27%28%29%2A")]
    [InlineData("+/=&", "%2B%2F%3D%26")]
    [InlineData("é", "%C3%A9")]
    [InlineData("🚨", "%F0%9F%9A%A8")]
    public void Encode_WhenValueHasReservedOrNonAsciiCharacters_ShouldPercentEncodeUtf8Bytes(string value, string expected)
    {
        Assert.Equal(expected, SnsQueryBody.Encode(value));
    }

    [Fact]
    public void Publish_WhenAlertHasAttributes_ShouldListThemAsNumberedEntriesInOrder()
    {
        var body = Encoding.ASCII.GetString(SnsQueryBody.Publish(TestAlerts.TopicArn, TestAlerts.Create("x")));

        Assert.StartsWith("Action=Publish&Version=2010-03-31&Message=", body, StringComparison.Ordinal);
        Assert.Contains("&MessageStructure=json&", body, StringComparison.Ordinal);
        Assert.Contains(
            "MessageAttributes.entry.1.Name=severity&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=HIGH",
            body,
            StringComparison.Ordinal);
        Assert.EndsWith("MessageAttributes.entry.5.Name=region&MessageAttributes.entry.5.Value.DataType=String&MessageAttributes.entry.5.Value.StringValue=eu-west-1", body, StringComparison.Ordinal);
    }
}
