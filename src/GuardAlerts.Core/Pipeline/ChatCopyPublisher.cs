using GuardAlerts.Core.Kinds.Canary;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Core.Pipeline;

/// <summary>
/// Publishes every alert to the alert channel, then a copy of it to the chat channel, the hourly canary excepted: AWS
/// Chatbot subscribes to its topics itself, with no filter policy, so only a topic that never carries the canary may
/// feed a chat room. Either failure fails the whole publish: the pipeline gives the claim back and the retry sends the
/// alert again, so a chat outage can repeat an e-mail but never lose an alert or its chat post.
/// </summary>
public sealed class ChatCopyPublisher : IAlertPublisher
{
    private readonly IAlertPublisher _alerts;
    private readonly IAlertPublisher _chat;

    /// <summary>Publishes to <paramref name="alerts"/> first (its message id is the alert's), then to <paramref name="chat"/>.</summary>
    public ChatCopyPublisher(IAlertPublisher alerts, IAlertPublisher chat)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(chat);
        _alerts = alerts;
        _chat = chat;
    }

    /// <inheritdoc />
    public async ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var messageId = await _alerts.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        if (!alert.Attributes.Any(a => a.Key == CanaryKind.MessageAttribute))
        {
            await _chat.PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        }

        return messageId;
    }
}
