namespace GuardAlerts.Core.Accounts;

/// <summary>The organization's account names as last listed from AWS Organizations (the central stack keeps them in its ledger).</summary>
public interface IAccountDirectory
{
    /// <summary>The names, or null when none have been listed yet. Throws when they cannot be read.</summary>
    ValueTask<AccountNames?> ReadAsync(CancellationToken cancellationToken);
}
