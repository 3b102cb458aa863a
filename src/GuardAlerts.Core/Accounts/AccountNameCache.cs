namespace GuardAlerts.Core.Accounts;

/// <summary>
/// Configured names first, then the organization's names from <see cref="IAccountDirectory"/>, read lazily: on the
/// first alert for an account the configuration does not name, and again at most once every
/// <see cref="RefreshInterval"/>. An alert waits for a read at most <see cref="MaxWait"/>; a slower read finishes
/// for the next alert. A read that fails (no directory yet, throttling, any error) leaves the names as they were and
/// is reported once through <paramref name="warn"/>, until a read succeeds again.
/// </summary>
public sealed class AccountNameCache(AccountNames configured, IAccountDirectory directory, TimeProvider clock, Action<string> warn) : IAccountNameSource
{
    /// <summary>How long the organization's names are used before they are read again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(15);

    /// <summary>The longest an alert waits for a read in progress.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private AccountNames _organization = AccountNames.Empty;
    private DateTimeOffset? _lastRead;
    private Task? _read;
    private bool _failing;

    /// <inheritdoc />
    public async ValueTask<string?> NameOfAsync(string? accountId, CancellationToken cancellationToken)
    {
        // A configured name wins, and needs no read.
        var configuredName = configured.NameOf(accountId);
        if (accountId is null || configuredName is not null)
        {
            return configuredName;
        }

        Task? pending;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_read is not { IsCompleted: false } && (_lastRead is not { } last || now - last >= RefreshInterval))
            {
                _lastRead = now;
                _read = ReadAsync();
            }

            pending = _read;
        }

        if (pending is { IsCompleted: false })
        {
            try
            {
                await pending.WaitAsync(MaxWait, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Too slow (TimeoutException), or even the warning could not be written: the alert goes out with
                // the names known now, and a slow read completes for a later alert.
            }
        }

        return Volatile.Read(ref _organization).NameOf(accountId);
    }

    private async Task ReadAsync()
    {
        // Off the caller's context and token: a read outlives the alert that started it.
        await Task.Yield();
        string? problem;
        try
        {
            if (await directory.ReadAsync(CancellationToken.None).ConfigureAwait(false) is { } names)
            {
                Volatile.Write(ref _organization, names);
                lock (_gate)
                {
                    _failing = false;
                }

                return;
            }

            problem = "no account names from AWS Organizations yet (the central stack's member-watch function writes them after it lists the accounts)";
        }
        catch (Exception ex)
        {
            problem = $"could not read the account names from AWS Organizations ({ex.GetType().Name}: {ex.Message})";
        }

        bool first;
        lock (_gate)
        {
            first = !_failing;
            _failing = true;
        }

        if (first)
        {
            warn($"{problem}; alerts name accounts by the configured names only, and the names are read again in {RefreshInterval.TotalMinutes:0} minutes");
        }
    }
}
