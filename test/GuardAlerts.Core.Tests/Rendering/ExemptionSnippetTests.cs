using System.Text.Encodings.Web;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rendering;

public class ExemptionSnippetTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("CreateUser", "alice")]
    [InlineData("Create:User/\\u00e9\\ud83d\\ude80", "mallory\\r\\nBcc: <x@example.com> & 'y'")]
    [InlineData("\\u202eStop\\u0000Logging", "zo\\u00eb \\ud83d\\ude00 \\u001b[31m\\\"")]
    public void For_WhenTextIsHostile_ShouldBeWhatUtf8JsonWriterWritesIndented(string eventName, string userName)
    {
        var identity = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/" + userName + "\",\"accountId\":\"111122223333\",\"userName\":\"" + userName + "\"}";
        var e = Json.Valid(Json.ApiCall(eventName, "iam.amazonaws.com", identity));

        var snippet = ExemptionSnippet.For(e, new ActorAttributor().Attribute(e), Now) ?? throw new InvalidOperationException("no snippet for an IAM user");

        // Parsing and writing it again with the writer's options must give back the same text, byte for byte.
        using var document = JsonDocument.Parse(snippet);
        Assert.Equal(WriterOutput.Of(new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default }, document.WriteTo), snippet);
        Assert.Equal("2026-12-30", document.RootElement.GetProperty("expires").GetString());
    }
}
