using GuardAlerts.Core.Members;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>
/// An organization whose listing is given: what AWS Organizations would answer in the management account, for the
/// first <paramref name="answers"/> reads; later reads are throttled.
/// </summary>
internal sealed class ListedAccounts(AccountListing listing, int answers = int.MaxValue) : IOrganizationAccounts
{
    private int _reads;

    public Task<AccountListing> ListAsync(CancellationToken cancellationToken) =>
        ++_reads <= answers
            ? Task.FromResult(listing)
            : throw new InvalidOperationException("Organizations ListAccounts failed: TooManyRequestsException (HTTP 400): Rate exceeded");
}
