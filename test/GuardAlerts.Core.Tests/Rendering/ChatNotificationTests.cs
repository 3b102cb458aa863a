using System.Text.Json;
using GuardAlerts.Core.Tests.Samples;

namespace GuardAlerts.Core.Tests.Rendering;

/// <summary>
/// The chat message checked against the custom notification schema of Amazon Q Developer in chat applications (AWS
/// Chatbot), https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html: version "1.0" and source
/// "custom" required; content {textType (only "client-markdown"), title, description, nextSteps[], keywords[]};
/// metadata {threadId, summary, eventType, relatedResources[], additionalContext{string: string}}; nothing else.
/// </summary>
public class ChatNotificationTests
{
    private static readonly string[] TopFields = ["version", "source", "id", "content", "metadata"];
    private static readonly string[] ContentFields = ["textType", "title", "description", "nextSteps", "keywords"];
    private static readonly string[] MetadataFields = ["threadId", "summary", "eventType", "relatedResources", "additionalContext"];

    internal static void AssertDocumentedShape(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, TopFields));
        Assert.Equal("1.0", root.GetProperty("version").GetString());
        Assert.Equal("custom", root.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("id").ValueKind);

        var content = root.GetProperty("content");
        Assert.All(content.EnumerateObject(), p => Assert.Contains(p.Name, ContentFields));
        Assert.Equal("client-markdown", content.GetProperty("textType").GetString());
        Assert.InRange(content.GetProperty("title").GetString()!.Length, 1, Core.Rendering.ChatNotification.MaxTitle);
        Assert.InRange(content.GetProperty("description").GetString()!.Length, 1, Core.Rendering.ChatNotification.MaxDescription);
        AssertStrings(content.GetProperty("nextSteps"));
        AssertStrings(content.GetProperty("keywords"));

        var metadata = root.GetProperty("metadata");
        Assert.All(metadata.EnumerateObject(), p => Assert.Contains(p.Name, MetadataFields));
        foreach (var name in new[] { "threadId", "summary", "eventType" })
        {
            Assert.InRange(metadata.GetProperty(name).GetString()!.Length, 1, Core.Rendering.ChatNotification.MaxItem);
        }

        AssertStrings(metadata.GetProperty("relatedResources"), allowEmpty: true);
        Assert.All(metadata.GetProperty("additionalContext").EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
    }

    private static void AssertStrings(JsonElement array, bool allowEmpty = false)
    {
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        if (!allowEmpty)
        {
            Assert.NotEqual(0, array.GetArrayLength());
        }

        Assert.All(array.EnumerateArray(), item =>
        {
            Assert.Equal(JsonValueKind.String, item.ValueKind);
            Assert.InRange(item.GetString()!.Length, 1, 2100);
        });
    }

    [Fact]
    public async Task EveryAlertingSample_ShouldPublishADocumentedCustomNotificationUnderTheHttpsKey()
    {
        var alerts = (await SampleRun.GetAsync()).Where(r => r.Decision.Alert is not null).ToList();

        Assert.NotEmpty(alerts);
        foreach (var (_, d) in alerts)
        {
            using var message = JsonDocument.Parse(d.Alert!.MessageJson);
            var https = message.RootElement.GetProperty("https").GetString()!;
            Assert.Equal(d.Alert.ChatJson, https);
            AssertDocumentedShape(https);
            // E-mail and SMS keep their own bodies.
            Assert.Equal(d.Alert.EmailBody, message.RootElement.GetProperty("email").GetString());
            Assert.Equal(d.Alert.Sms, message.RootElement.GetProperty("sms").GetString());
        }
    }

    [Fact]
    public async Task EveryAlertingSample_ShouldSayInChatWhatWhoSeverityNextStepsAndConsoleLink()
    {
        foreach (var (file, d) in (await SampleRun.GetAsync()).Where(r => r.Decision.Alert is not null))
        {
            using var chat = JsonDocument.Parse(d.Alert!.ChatJson!);
            var content = chat.RootElement.GetProperty("content");
            var description = content.GetProperty("description").GetString()!;
            Assert.StartsWith(d.Severity!.Value.Name(), content.GetProperty("title").GetString()!.Replace("[SAMPLE] ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("*What:*", description, StringComparison.Ordinal);
            Assert.Contains("*Who:*", description, StringComparison.Ordinal);
            Assert.Contains("*Console:* https://", description, StringComparison.Ordinal);
            Assert.True(content.GetProperty("nextSteps").GetArrayLength() >= 2, file);
            Assert.Equal(d.Alert.Subject, chat.RootElement.GetProperty("metadata").GetProperty("summary").GetString());
        }
    }

    [Theory]
    [InlineData("<!channel> `x` *bold*")]
    [InlineData("<https://evil.example|click here>")]
    public void Render_WhenEventTextHasChatMarkup_ShouldShowItAsCodeNotObeyIt(string userName)
    {
        var identity = JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "IAMUser", ["userName"] = userName, ["arn"] = "arn:aws:iam::111122223333:user/x" });
        var e = Support.Json.Valid(Support.Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", identity));
        var match = Support.TestPolicy.Table().Match(e)!;

        var alert = Core.Rendering.AlertRenderer.Render(new Core.Rendering.AlertContext(e, new Core.Attribution.ActorAttributor().Attribute(e), match, match.Severity, "key", DateTimeOffset.UnixEpoch));

        AssertDocumentedShape(alert.ChatJson!);
        var description = JsonDocument.Parse(alert.ChatJson!).RootElement.GetProperty("content").GetProperty("description").GetString()!;
        Assert.DoesNotContain("<!channel>", description, StringComparison.Ordinal);
        Assert.DoesNotContain("<https://evil", description, StringComparison.Ordinal);
        var who = description.Split('\n').Single(l => l.StartsWith("*Who:*", StringComparison.Ordinal));
        Assert.Equal(2 + (who.Contains("(`arn", StringComparison.Ordinal) ? 2 : 0), who.Count(c => c == '`'));
    }

    [Theory]
    [InlineData("<!here>")]
    [InlineData("<!channel> <https://evil.example|Open in console>")]
    [InlineData("[Open in console](https://evil.example)")]
    [InlineData("x](https://evil.example)")]
    public void Render_WhenARefusedCallNamesAGroupWithChatMarkup_ShouldObeyItNowhereInTheNotification(string groupName)
    {
        // AccessDenied calls are logged with whatever parameters the caller typed: anyone with any credentials can
        // name a "group" that is a Slack mention or link, and the alert still goes out (failed calls are lowered, not dropped).
        var request = ",\"errorCode\":\"Client.UnauthorizedOperation\",\"requestParameters\":{\"groupName\":\"" + groupName + "\","
            + "\"ipPermissions\":{\"items\":[{\"ipProtocol\":\"tcp\",\"fromPort\":22,\"toPort\":22,\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"}]}}]}}";
        var e = Support.Json.Valid(Support.Json.ApiCall("AuthorizeSecurityGroupIngress", "ec2.amazonaws.com", Support.Json.IamUser, request));
        var match = SampleRun.LoadPolicy(DateTimeOffset.UnixEpoch).RiskTable.Match(e)!;

        var alert = Core.Rendering.AlertRenderer.Render(new Core.Rendering.AlertContext(e, new Core.Attribution.ActorAttributor().Attribute(e), match, match.Severity, "key", DateTimeOffset.UnixEpoch));

        AssertDocumentedShape(alert.ChatJson!);
        // The e-mail shows the name as it was typed; chat shows it, but no field Chatbot renders may obey it.
        Assert.Contains(groupName, alert.EmailBody, StringComparison.Ordinal);
        using var chat = JsonDocument.Parse(alert.ChatJson!);
        Assert.All(Strings(chat.RootElement), text =>
        {
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
            // Microsoft Teams renders Markdown: [text](url) is a link whose text can say anything.
            Assert.DoesNotContain("](https://evil", text, StringComparison.Ordinal);
        });
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}
