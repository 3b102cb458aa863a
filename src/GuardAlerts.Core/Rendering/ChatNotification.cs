using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// The alert as an Amazon Q Developer in chat applications (AWS Chatbot) custom notification, the JSON it renders in
/// Slack and Microsoft Teams: {"version":"1.0","source":"custom","id",...,"content":{"textType":"client-markdown",
/// "title","description","nextSteps","keywords"},"metadata":{"threadId","summary","eventType","relatedResources",
/// "additionalContext"}} (https://docs.aws.amazon.com/chatbot/latest/adminguide/custom-notifs.html). Chatbot drops
/// a message that is not in this shape without an error, so the e-mail text is never sent to it.
/// </summary>
public static class ChatNotification
{
    /// <summary>Longest title this renderer writes (the documentation bounds it; kept well inside).</summary>
    public const int MaxTitle = 250;

    /// <summary>Longest description this renderer writes.</summary>
    public const int MaxDescription = 8000;

    /// <summary>Longest next step, keyword, summary, resource or context value this renderer writes.</summary>
    public const int MaxItem = 512;

    private const int MaxLink = 2000;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The custom notification of one alert, as JSON text.</summary>
    public static string Render(AlertContext c, bool sample, string subject, IReadOnlyList<SpecificText> specifics)
    {
        var e = c.Event;
        var rule = c.Match.Rule;
        // A link is useless cut; one made long by a hostile id is left out (the e-mail carries it in full).
        var link = ConsoleLinks.For(e);
        var console = link.Length <= MaxLink ? link : "(the link is too long for chat: see the e-mail)";
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("version", "1.0");
            w.WriteString("source", "custom");
            w.WriteString("id", Plain(e.Id, MaxItem));
            w.WriteStartObject("content");
            w.WriteString("textType", "client-markdown");
            w.WriteString("title", Title(c, sample));
            w.WriteString("description", Description(c, specifics, console));
            w.WriteStartArray("nextSteps");
            w.WriteStringValue(Plain(rule.Next, 2000));
            w.WriteStringValue("Console: " + console);
            w.WriteEndArray();
            w.WriteStartArray("keywords");
            w.WriteStringValue(c.Severity.Name());
            w.WriteStringValue(rule.Id);
            w.WriteStringValue(Plain(e.Account ?? "unknown account", 64));
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("metadata");
            // One thread per dedup key: a repeat of the same fact lands under the first alert, a different fact does not.
            w.WriteString("threadId", Plain(c.DedupKey, MaxItem));
            w.WriteString("summary", Plain(subject, MaxItem));
            w.WriteString("eventType", rule.Id);
            w.WriteStartArray("relatedResources");
            foreach (var value in specifics.SelectMany(s => s.Values).Take(10))
            {
                w.WriteStringValue(Plain(value, MaxItem));
            }

            w.WriteEndArray();
            w.WriteStartObject("additionalContext");
            w.WriteString("account", Plain(e.Account ?? "unknown", 64));
            if (c.AccountName is { } name)
            {
                w.WriteString("accountName", Plain(name, MaxItem));
            }

            w.WriteString("region", Plain(e.Region ?? "unknown", 64));
            w.WriteString("severity", c.Severity.Name());
            w.WriteString("rule", rule.Id);
            w.WriteString("eventName", Plain(e.Name, MaxItem));
            w.WriteString("dedupKey", Plain(c.DedupKey, MaxItem));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static string Title(AlertContext c, bool sample)
    {
        // A chat reader scans titles: the severity first, as a word (emoji shortcodes render differently per platform).
        var title = $"{(sample ? "[SAMPLE] " : "")}{c.Severity.Name()}: {c.Match.Rule.Title}";
        return Plain(title, MaxTitle);
    }

    private static string Description(AlertContext c, IReadOnlyList<SpecificText> specifics, string console)
    {
        var e = c.Event;
        var a = c.Actor;
        var b = new StringBuilder(1024);
        b.Append("*What:* ").AppendLine(Code(e.Name));
        if (specifics.Count > 0)
        {
            b.Append("*Details:* ").AppendJoin("; ", specifics.Select(s => Code(s.ToString()))).AppendLine();
        }

        b.Append("*Who:* ").Append(Code(a.Name));
        if (a.OtherAccount(e.Account) is { } other)
        {
            b.Append(" FROM ANOTHER ACCOUNT ").Append(Code(other));
        }

        if (a.PrincipalArn is { } arn)
        {
            b.Append(" (").Append(Code(arn)).Append(')');
        }

        b.AppendLine();
        if (a.Label is { } label)
        {
            b.Append("*Note:* ").AppendLine(Code(label));
        }

        b.Append("*Where:* account ").Append(Code(AlertRenderer.AccountText(e.Account, c.AccountName))).Append(", region ").AppendLine(Code(e.Region ?? "unknown"));
        var when = e.Time is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "unknown";
        b.Append("*When:* ").AppendLine(when);
        b.Append("*Severity:* ").Append(c.Severity.Name());
        if (c.Match.Notes.Count > 0)
        {
            b.Append(" (").Append(Plain(string.Join("; ", c.Match.Notes), MaxItem)).Append(')');
        }

        b.AppendLine().Append("*Rule:* ").AppendLine(c.Match.Rule.Id);
        if (c.ExemptionNote is { } note)
        {
            b.Append("*Exemption:* ").AppendLine(Plain(note, MaxItem));
        }

        b.Append("*Why it matters:* ").AppendLine(Plain(c.Match.Rule.Why, 2000));
        b.Append("*Console:* ").Append(console);
        return TextSanitizer.Truncate(b.ToString(), MaxDescription);
    }

    /// <summary>
    /// Event text as inline code: markup in it (a session named "*urgent*", a link, a mention such as "&lt;!channel&gt;")
    /// is shown, not obeyed. Backticks would end the code span.
    /// </summary>
    private static string Code(string text) => "`" + Plain(text, MaxItem).Replace('`', '\'') + "`";

    /// <summary>
    /// One line for any field of the notification. Angle brackets become look-alikes everywhere, not only in code: the
    /// summary repeats the subject and the related resources the specifics, both event text (a refused call logs any
    /// group name typed), and in Slack "&lt;!here&gt;" or "&lt;https://x|Open&gt;" is a mention or a disguised link
    /// wherever Chatbot puts it; "--name &lt;trail&gt;" in a next step would be read as a link too. Microsoft Teams
    /// renders Markdown, where "[Open in console](https://...)" is a link whose text says anything: "](" loses its meaning.
    /// </summary>
    private static string Plain(string? text, int max) =>
        TextSanitizer.Truncate(TextSanitizer.ToSingleLine(text, max).Replace('<', '\u2039').Replace('>', '\u203A').Replace("](", "] (", StringComparison.Ordinal), max);
}
