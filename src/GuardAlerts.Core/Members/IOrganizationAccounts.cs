namespace GuardAlerts.Core.Members;

/// <summary>The organization's accounts (AWS Organizations in production). Throws when they cannot be read.</summary>
public interface IOrganizationAccounts
{
    /// <summary>Every account, all pages, and the management account.</summary>
    Task<AccountListing> ListAsync(CancellationToken cancellationToken);
}
