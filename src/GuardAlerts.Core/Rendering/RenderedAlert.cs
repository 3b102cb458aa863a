using System.Diagnostics.CodeAnalysis;

namespace GuardAlerts.Core.Rendering;

/// <summary>
/// An alert ready to publish. <see cref="Subject"/> is at most 99 printable ASCII characters (SNS: under 100), <see cref="Sms"/> at
/// most 140 characters, and <see cref="MessageJson"/> (the SNS MessageStructure=json body) stays under 256 KB.
/// From <see cref="AlertRenderer"/>, the email body, default body and message JSON are rendered on first read (once,
/// whichever thread reads first): a caller that shows only the subject or SMS (replay) never pays for them.
/// </summary>
public sealed record RenderedAlert
{
    private readonly AlertBody? _body;
    private readonly string? _emailBody;
    private readonly string? _defaultBody;
    private readonly string? _messageJson;
    private readonly string? _chatJson;

    /// <summary>An alert with every text given (tests, adapters).</summary>
    public RenderedAlert()
    {
    }

    // The three body properties read from the body, so nothing is left null; the compiler cannot see through their getters.
#pragma warning disable CS8618
    [SetsRequiredMembers]
    internal RenderedAlert(string subject, string sms, IReadOnlyList<KeyValuePair<string, string>> attributes, AlertBody body)
    {
        Subject = subject;
        Sms = sms;
        Attributes = attributes;
        _body = body;
    }
#pragma warning restore CS8618

    /// <summary>The SNS Subject (email subject line).</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text email body.</summary>
    public required string EmailBody
    {
        get => _emailBody ?? Body.Email;
        init => _emailBody = value;
    }

    /// <summary>The SMS text.</summary>
    public required string Sms { get; init; }

    /// <summary>The body for protocols without their own entry (HTTP, SQS, Lambda subscribers).</summary>
    public required string DefaultBody
    {
        get => _defaultBody ?? Body.Default;
        init => _defaultBody = value;
    }

    /// <summary>
    /// The AWS Chatbot (Amazon Q Developer in chat applications) custom notification JSON (<see cref="ChatNotification"/>);
    /// null for an alert built with every text given and no chat text.
    /// </summary>
    public string? ChatJson
    {
        get => _chatJson ?? _body?.Value.Chat;
        init => _chatJson = value;
    }

    /// <summary>{"default":...,"email":...,"sms":...,"https":...}: the Message for MessageStructure=json.</summary>
    public required string MessageJson
    {
        get => _messageJson ?? Body.MessageJson;
        init => _messageJson = value;
    }

    /// <summary>Message attributes for subscription filter policies: severity, kind, name, account, region.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; }

    private AlertBody.Texts Body => (_body ?? throw new InvalidOperationException("the alert has no body")).Value;

    /// <summary>Equal when every text is equal (and the same attribute list), however each side was rendered.</summary>
    public bool Equals(RenderedAlert? other) =>
        other is not null && (ReferenceEquals(this, other) || (Subject == other.Subject && Sms == other.Sms && EmailBody == other.EmailBody
            && DefaultBody == other.DefaultBody && MessageJson == other.MessageJson
            && EqualityComparer<IReadOnlyList<KeyValuePair<string, string>>>.Default.Equals(Attributes, other.Attributes)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Subject, Sms, EmailBody, DefaultBody, MessageJson, Attributes);
}
