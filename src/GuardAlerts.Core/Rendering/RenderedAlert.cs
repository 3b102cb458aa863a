namespace GuardAlerts.Core.Rendering;

/// <summary>
/// An alert ready to publish. <see cref="Subject"/> is at most 100 printable ASCII characters, <see cref="Sms"/> at
/// most 140 characters, and <see cref="MessageJson"/> (the SNS MessageStructure=json body) stays under 256 KB.
/// </summary>
public sealed record RenderedAlert
{
    /// <summary>The SNS Subject (email subject line).</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text email body.</summary>
    public required string EmailBody { get; init; }

    /// <summary>The SMS text.</summary>
    public required string Sms { get; init; }

    /// <summary>The body for protocols without their own entry (HTTP, SQS, Lambda subscribers).</summary>
    public required string DefaultBody { get; init; }

    /// <summary>{"default":...,"email":...,"sms":...}: the Message for MessageStructure=json.</summary>
    public required string MessageJson { get; init; }

    /// <summary>Message attributes for subscription filter policies: severity, kind, name, account, region.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; }
}
