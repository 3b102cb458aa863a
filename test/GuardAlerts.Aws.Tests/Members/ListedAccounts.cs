using GuardAlerts.Core.Members;

namespace GuardAlerts.Aws.Tests.Members;

/// <summary>An organization whose listing is given: what AWS Organizations would answer in the management account.</summary>
internal sealed class ListedAccounts(AccountListing listing) : IAccountDirectory
{
    public Task<AccountListing> ListAsync(CancellationToken cancellationToken) => Task.FromResult(listing);
}
