using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Core.Pipeline;

/// <summary>The publishing port (SNS in production). Throws when the alert could not be delivered after retries.</summary>
public interface IAlertPublisher
{
    /// <summary>Publishes the alert and returns the message id the channel assigned.</summary>
    ValueTask<string> PublishAsync(RenderedAlert alert, CancellationToken cancellationToken);
}
