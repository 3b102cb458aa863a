using System.Globalization;
using System.Text;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Text;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// Renders a decided event into subject, email, SMS and message attributes within SNS's limits: subject under
/// 100 (at most 99) printable ASCII characters starting with a letter, digit or punctuation; SMS at most 140 characters in one GSM-7 part (<see cref="SmsEncoding"/>); the
/// whole message under 256 KB however large the event.
/// </summary>
public static class AlertRenderer
{
    /// <summary>SNS Publish takes a subject "less than 100 characters long": one of exactly 100 may be refused, and the alert with it.</summary>
    public const int MaxSubject = 99;
    public const int MaxSms = 140;

    // Even a text made only of two-place characters fits one part at 80 characters.
    private const int MinSms = SmsEncoding.MaxSeptets / 2;

    /// <summary>SNS's limit is 262,144 bytes for the whole message; leave room for the JSON structure and attributes.</summary>
    public const int MaxEmailBytes = 100_000;

    // SNS's 262,144 bytes hold the message, the subject and the attributes: the message JSON keeps 20 KB clear.
    private const int MaxMessageJsonBytes = 240_000;

    private const int MaxField = 512;
    private const int MaxDefaultChars = 16_000;

    /// <summary>Renders the alert.</summary>
    public static RenderedAlert Render(AlertContext c)
    {
        var e = c.Event;
        var kind = EventKinds.Of(e.Kind);
        var sample = kind.IsSample(e);
        List<KeyValuePair<string, string>> attributes =
        [
            new("severity", c.Severity.Name()),
            new("kind", kind.Name),
            new("name", Attribute(e.Name, 256)),
            new("account", Attribute(e.Account, 64)),
            new("region", Attribute(e.Region, 64)),
        ];
        attributes.AddRange(kind.ExtraAttributes(e));

        var specifics = SpecificsReader.Read(c.Match.Rule, e);
        var subject = Subject(c, sample, specifics);
        var sms = Sms(c, sample, specifics);
        return new RenderedAlert(subject, sms, attributes, new AlertBody(c, sample, subject, sms));
    }

    /// <summary>The email body, the default body and the SNS message JSON (what <see cref="AlertBody"/> renders on first read).</summary>
    internal static AlertBody.Texts RenderBody(AlertContext c, bool sample, string subject, string sms)
    {
        var builder = RenderBuffer.Rent();
        var email = Email(c, sample, builder);
        // HTTP, SQS and Lambda subscribers get the same text, bounded so that both bodies fit SNS's 256 KB together.
        var defaultBody = TextSanitizer.Truncate(email, MaxDefaultChars);
        var chat = ChatNotification.Render(c, sample, subject, SpecificsReader.Read(c.Match.Rule, c.Event));
        var messageJson = MessageJson(defaultBody, email, sms, chat, builder.Clear());
        // Text that JSON escapes (quotes, controls) can grow several times over: the e-mail gives way, by halves,
        // until the whole message fits SNS's limit with its subject and attributes.
        while (Encoding.UTF8.GetByteCount(messageJson) > MaxMessageJsonBytes && email.Length > 1_000)
        {
            email = TextSanitizer.Truncate(email, email.Length / 2) + Environment.NewLine + "(truncated)";
            defaultBody = TextSanitizer.Truncate(email, MaxDefaultChars);
            messageJson = MessageJson(defaultBody, email, sms, chat, builder.Clear());
        }

        RenderBuffer.Return(builder);
        return new AlertBody.Texts(email, defaultBody, chat, messageJson);
    }

    /// <summary>
    /// A message attribute value from event text. SNS rejects an empty attribute value, and text made only of
    /// whitespace, controls or invisible characters sanitises to nothing: such an alert could never be published.
    /// </summary>
    private static string Attribute(string? text, int max) =>
        TextSanitizer.ToPrintableAscii(text, max) is { Length: > 0 } value ? value : "unknown";

    /// <summary>
    /// The subject line: "[SAMPLE] High: Title - account region - actor [from account N]", printable ASCII, at most
    /// 99 (SNS takes fewer than 100); what does not fit is dropped whole (<see cref="HeadlineFitter"/>), never cut mid-identifier.
    /// </summary>
    public static string Subject(AlertContext c, bool sample) => Subject(c, sample, SpecificsReader.Read(c.Match.Rule, c.Event));

    private static string Subject(AlertContext c, bool sample, IReadOnlyList<SpecificText> specifics)
    {
        // Account and region before the actor: after the account's name, the actor is what gives way first when the line is too long.
        var prefix = $"{(sample ? "[SAMPLE] " : "")}{c.Severity.Name()}: ";
        var account = c.Event.Account;
        var subject = HeadlineFitter.Fit(MaxSubject, c.Match.Rule.Title, specifics, c.Actor, account, c.AccountName, c.Event.Region,
            (title, details, named, region, who) => $"{prefix}{HeadlineFitter.Headline(title, details)} - {named} {region}{(who is null ? "" : " - " + who)}");
        // SNS requires the first character to be a letter, number or punctuation mark; severity names guarantee it,
        // this guards future formats.
        return subject.Length > 0 && (char.IsLetterOrDigit(subject[0]) || char.IsPunctuation(subject[0])) ? subject : "Alert: " + subject[..Math.Min(subject.Length, MaxSubject - 7)];
    }

    private static string Sms(AlertContext c, bool sample, IReadOnlyList<SpecificText> specifics)
    {
        var time = c.Event.Time?.UtcDateTime;
        var prefix = $"{(sample ? "SAMPLE " : "")}{c.Severity.Name()}: ";
        var account = c.Event.Account;
        // At most 140 characters (one part when a route sends 8-bit text) and 160 GSM-7 places: each character of the
        // extension table takes two, so a text full of brackets gives way by whole parts again with a smaller budget.
        var max = MaxSms;
        while (true)
        {
            var text = SmsEncoding.ToGsm7(HeadlineFitter.Fit(max, c.Match.Rule.Title, specifics, c.Actor, account, c.AccountName, c.Event.Region, (title, details, named, region, who) => string.Create(CultureInfo.InvariantCulture,
                $"{prefix}{HeadlineFitter.Headline(title, details)}. {named} {region} {time:MM-dd HH:mm}Z.{(who is null ? "" : " " + who)}")));
            var over = SmsEncoding.Septets(text) is { } septets ? septets - SmsEncoding.MaxSeptets : 0;
            if (over <= 0 || max <= MinSms)
            {
                return text;
            }

            max = Math.Max(MinSms, max - over);
        }
    }

    private static string Email(AlertContext c, bool sample, StringBuilder b)
    {
        var e = c.Event;
        var a = c.Actor;
        var rule = c.Match.Rule;
        b.Append(c.Severity.Name()).Append(": ").AppendLine(Clean(rule.Title));
        if (sample)
        {
            b.AppendLine("SAMPLE FINDING: generated by GuardDuty (CreateSampleFindings), not real activity.");
        }

        b.AppendLine();
        if (e.Time is { } time)
        {
            Label(b, "When").Append(CultureInfo.InvariantCulture, $"{time.UtcDateTime:yyyy-MM-dd HH:mm:ss 'UTC'}").AppendLine();
        }
        else
        {
            Label(b, "When").AppendLine("unknown");
        }

        Label(b, "Account").Append(Clean(AccountText(e.Account, c.AccountName))).Append("  Region: ").AppendLine(Clean(e.Region ?? "unknown"));
        AppendWho(Label(b, "Who"), a, e.Account).AppendLine();
        if (a.Label is { } label)
        {
            Label(b, "Note").Append(Clean(label)).AppendLine(" (attribution labels the alert; it does not silence it)");
        }

        if (e.RepairedText is { } repaired)
        {
            Label(b, "Note").AppendLine(Clean(repaired.Note));
        }

        EventKinds.Of(e.Kind).AppendWhat(Label(b, "What"), c).AppendLine();
        if (SpecificsReader.Read(rule, e) is { Count: > 0 } specifics)
        {
            // Every value here, where the subject and SMS may have kept only the first.
            Label(b, "Details").AppendJoin("; ", specifics).AppendLine();
        }

        Label(b, "Severity").Append(c.Severity.Name());
        if (c.Match.Notes.Count > 0)
        {
            b.Append(" (").Append(Clean(string.Join("; ", c.Match.Notes))).Append(')');
        }

        b.AppendLine();
        if (c.ExemptionNote is { } note)
        {
            Label(b, "Exemption").AppendLine(Clean(note));
        }

        Label(b, "Rule").AppendLine(rule.Id);
        b.AppendLine().AppendLine("Why it matters:").Append("  ").AppendLine(rule.Why);
        b.AppendLine().AppendLine("What to do next:").Append("  ").AppendLine(rule.Next);
        ConsoleLinks.AppendTo(b.AppendLine().Append("Console: "), e).AppendLine();
        foreach (var reference in rule.References)
        {
            b.Append("Reference: ").AppendLine(reference);
        }

        ExemptionSnippet.AppendSection(b.AppendLine(), e, a, c.Now).AppendLine();
        b.AppendLine().Append("Event id: ").Append(Clean(e.Id)).Append("   Dedup key: ").AppendLine(Clean(c.DedupKey));
        return Bounded(b.ToString());
    }

    private static StringBuilder AppendWho(StringBuilder b, Actor a, string? eventAccount)
    {
        b.Append(Clean(a.Name)).Append(" (").Append(Clean(a.IdentityType)).Append(')');
        if (a.OtherAccount(eventAccount) is { } other)
        {
            b.Append(", FROM ANOTHER ACCOUNT ").Append(other);
        }

        if (a.Client != ClientKind.Unknown)
        {
            b.Append(", via ").Append(a.Client switch
            {
                ClientKind.Cli => "AWS CLI",
                ClientKind.Sdk => "an AWS SDK",
                ClientKind.AwsService => "an AWS service",
                ClientKind.Console => "the console",
                ClientKind.CloudFormation => "CloudFormation",
                ClientKind.Terraform => "Terraform",
                _ => "another client",
            });
        }

        if (a.Mfa != MfaStatus.NotApplicable)
        {
            b.Append(", ").Append(a.Mfa switch
            {
                MfaStatus.Used => "with MFA",
                MfaStatus.NotUsed => "WITHOUT MFA",
                MfaStatus.IdentityProvider => "MFA at the identity provider",
                _ => "MFA unknown",
            });
        }
        if (a.SourceIp is { } ip)
        {
            b.Append(", from ").Append(Clean(ip));
        }

        if (a.PrincipalArn is { } arn)
        {
            b.Append(", principal ").Append(Clean(arn));
        }

        if (a.UserAgent is { } ua)
        {
            b.Append(", user agent \"").Append(Clean(ua)).Append('"');
        }

        return b;
    }

    /// <summary>"111122223333 (prod)", or the id alone when the account has no name; "unknown" without an id.</summary>
    internal static string AccountText(string? account, string? name) =>
        account is null ? "unknown" : string.IsNullOrWhiteSpace(name) ? account : $"{account} ({name})";

    /// <summary>Starts a "Label:" line with the value aligned at column 11.</summary>
    private static StringBuilder Label(StringBuilder b, string label) =>
        b.Append(label).Append(':').Append(' ', Math.Max(1, 10 - label.Length));

    /// <summary>Event text as one clean line of at most 512 characters, as every field of an alert is shown.</summary>
    internal static string Clean(string text) => TextSanitizer.ToSingleLine(text, MaxField);

    private static string Bounded(string body) =>
        Encoding.UTF8.GetByteCount(body) <= MaxEmailBytes ? body : TextSanitizer.Truncate(body, MaxEmailBytes / 4) + Environment.NewLine + "(truncated)";

    /// <summary>
    /// {"default":...,"email":...,"sms":...,"https":...} as Utf8JsonWriter writes it with relaxed escaping, which keeps most
    /// non-ASCII as it is; quotes and control characters are still escaped. The body is JSON for SNS, never embedded
    /// in HTML.
    /// </summary>
    private static string MessageJson(string defaultBody, string email, string sms, string chat, StringBuilder b)
    {
        var json = JsonText.Relaxed;
        // The default body is the email itself unless the email was cut: escape it once and copy it.
        var escapedEmail = json.AppendEscaped(RenderBuffer.Rent(), email);
        if (ReferenceEquals(defaultBody, email))
        {
            b.Append("{\"default\":\"").Append(escapedEmail).Append('"');
        }
        else
        {
            json.AppendQuoted(b.Append("{\"default\":"), defaultBody);
        }

        b.Append(",\"email\":\"").Append(escapedEmail).Append('"');
        RenderBuffer.Return(escapedEmail);
        json.AppendQuoted(b.Append(",\"sms\":"), sms);
        // HTTPS subscribers read the "https" entry: AWS Chatbot subscribes over HTTPS and renders only its custom
        // notification JSON (a plain text body is dropped silently).
        json.AppendQuoted(b.Append(",\"https\":"), chat);
        return b.Append('}').ToString();
    }
}
