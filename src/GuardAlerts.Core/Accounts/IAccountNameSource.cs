namespace GuardAlerts.Core.Accounts;

/// <summary>Where an alert finds the name of the account it is about.</summary>
public interface IAccountNameSource
{
    /// <summary>
    /// The account's name, or null when none is known. Never throws for a name that could not be read: an alert is
    /// never delayed past a short bound, or lost, for a name.
    /// </summary>
    ValueTask<string?> NameOfAsync(string? accountId, CancellationToken cancellationToken);
}
