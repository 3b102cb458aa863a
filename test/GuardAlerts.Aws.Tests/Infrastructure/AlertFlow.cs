using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Aws.Tests.Infrastructure;

/// <summary>
/// The ports' contract as a caller follows it (claim, publish, confirm; release and rethrow on a failed publish).
/// Core's pipeline does the same; this copy lets the adapter tests exercise it without depending on Core's wiring.
/// </summary>
public static class AlertFlow
{
    public static async Task<LedgerClaim> RunAsync(IAlertLedger ledger, IAlertPublisher publisher, ClaimRequest request, RenderedAlert alert)
    {
        var claim = await ledger.ClaimAsync(request, CancellationToken.None);
        if (claim.Status != ClaimStatus.Won)
        {
            return claim;
        }

        string messageId;
        try
        {
            messageId = await publisher.PublishAsync(alert, CancellationToken.None);
        }
        catch
        {
            await ledger.ReleaseAsync(claim, CancellationToken.None);
            throw;
        }

        await ledger.ConfirmAsync(claim, messageId, CancellationToken.None);
        return claim;
    }
}
