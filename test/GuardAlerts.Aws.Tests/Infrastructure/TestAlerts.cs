using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Aws.Tests.Infrastructure;

internal static class TestAlerts
{
    public const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:guard-alerts";

    /// <summary>Non-ASCII, emoji and the characters percent-encoding gets wrong most often.</summary>
    public const string Tricky = "Zugriff für Jörg 🚨🔑 !'()*+/ =& ~-_. 中文";

    public static RenderedAlert Create(string text = "Root login") => new()
    {
        Subject = "[HIGH] " + text,
        EmailBody = text + " (email)",
        Sms = text,
        DefaultBody = text,
        MessageJson = "{\"default\":\"" + text + "\",\"email\":\"" + text + " (email)\",\"sms\":\"" + text + "\"}",
        Attributes =
        [
            new("severity", "HIGH"),
            new("kind", "cloudtrail"),
            new("name", "ConsoleLogin"),
            new("account", "123456789012"),
            new("region", "eu-west-1"),
        ],
    };
}
