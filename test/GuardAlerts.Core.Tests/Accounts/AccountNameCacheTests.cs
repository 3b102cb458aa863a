using GuardAlerts.Core.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Accounts;

public sealed class AccountNameCacheTests
{
    private const string Prod = "111122223333";
    private const string Staging = "444455556666";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly ScriptedDirectory _directory = new();
    private readonly List<string> _warnings = [];

    private AccountNameCache Cache(string configured = Prod + "=prod") =>
        new(AccountNames.Parse(configured, "test"), _directory, _clock, _warnings.Add);

    private static AccountNames Organization(string staging = "Staging") => AccountNames.From([new(Prod, "Production"), new(Staging, staging)]);

    [Fact]
    public async Task NameOfAsync_WhenTheConfigurationNamesTheAccount_ShouldWinWithoutARead()
    {
        _directory.Next = () => Task.FromResult<AccountNames?>(Organization());
        var cache = Cache();

        Assert.Equal("prod", await cache.NameOfAsync(Prod, CancellationToken.None));
        Assert.Null(await cache.NameOfAsync(null, CancellationToken.None));
        Assert.Equal(0, _directory.Reads);
    }

    [Fact]
    public async Task NameOfAsync_ShouldReadOncePer15Minutes()
    {
        _directory.Next = () => Task.FromResult<AccountNames?>(Organization());
        var cache = Cache();

        var first = await cache.NameOfAsync(Staging, CancellationToken.None);
        _directory.Next = () => Task.FromResult<AccountNames?>(Organization("Staging EU"));
        _clock.Advance(AccountNameCache.RefreshInterval - TimeSpan.FromMilliseconds(1));
        var unknown = await cache.NameOfAsync("777788889999", CancellationToken.None);
        var cached = await cache.NameOfAsync(Staging, CancellationToken.None);
        var readsWithin = _directory.Reads;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var renamed = await cache.NameOfAsync(Staging, CancellationToken.None);

        Assert.Equal("Staging", first);
        Assert.Null(unknown);
        Assert.Equal("Staging", cached);
        Assert.Equal(1, readsWithin);
        Assert.Equal("Staging EU", renamed);
        Assert.Equal(2, _directory.Reads);
        Assert.Equal("prod", await cache.NameOfAsync(Prod, CancellationToken.None));
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task NameOfAsync_WhenNoDirectoryYet_ShouldUseConfiguredNamesWarnOnceAndRecover()
    {
        _directory.Next = () => Task.FromResult<AccountNames?>(null);
        var cache = Cache();

        var missing = await cache.NameOfAsync(Staging, CancellationToken.None);
        _clock.Advance(AccountNameCache.RefreshInterval);
        var stillMissing = await cache.NameOfAsync(Staging, CancellationToken.None);
        var configured = await cache.NameOfAsync(Prod, CancellationToken.None);
        _directory.Next = () => Task.FromResult<AccountNames?>(Organization());
        _clock.Advance(AccountNameCache.RefreshInterval);
        var recovered = await cache.NameOfAsync(Staging, CancellationToken.None);

        Assert.Null(missing);
        Assert.Null(stillMissing);
        Assert.Equal("prod", configured);
        Assert.Equal("Staging", recovered);
        Assert.Equal(3, _directory.Reads);
        Assert.Contains("no account names from AWS Organizations yet", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameOfAsync_WhenTheReadFails_ShouldKeepTheLastNamesAndWarnAgainOnlyAfterARecovery()
    {
        _directory.Next = () => Task.FromResult<AccountNames?>(Organization());
        var cache = Cache();
        await cache.NameOfAsync(Staging, CancellationToken.None);
        _directory.Next = () => throw new InvalidOperationException("Throttled: rate of requests exceeds the allowed throughput");

        _clock.Advance(AccountNameCache.RefreshInterval);
        var afterFailure = await cache.NameOfAsync(Staging, CancellationToken.None);
        _clock.Advance(AccountNameCache.RefreshInterval);
        await cache.NameOfAsync(Staging, CancellationToken.None);
        var warningsWhileFailing = _warnings.Count;
        _directory.Next = () => Task.FromResult<AccountNames?>(Organization("Staging EU"));
        _clock.Advance(AccountNameCache.RefreshInterval);
        var recovered = await cache.NameOfAsync(Staging, CancellationToken.None);
        _directory.Next = () => Task.FromException<AccountNames?>(new TimeoutException("again"));
        _clock.Advance(AccountNameCache.RefreshInterval);
        await cache.NameOfAsync(Staging, CancellationToken.None);

        Assert.Equal("Staging", afterFailure);
        Assert.Equal(1, warningsWhileFailing);
        Assert.Equal("Staging EU", recovered);
        Assert.Equal(2, _warnings.Count);
        Assert.Contains("InvalidOperationException: Throttled", _warnings[0], StringComparison.Ordinal);
        Assert.Contains("TimeoutException: again", _warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameOfAsync_WhenTheReadIsSlow_ShouldAnswerAfterTheShortWaitAndUseTheNamesOnceRead()
    {
        var slow = new TaskCompletionSource<AccountNames?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _directory.Next = () => slow.Task;
        var cache = Cache();

        var waiting = cache.NameOfAsync(Staging, CancellationToken.None).AsTask();
        await _directory.Started.Task;
        var beforeTheBound = waiting.IsCompleted;
        _clock.Advance(AccountNameCache.MaxWait);
        var unnamed = await waiting;
        // Another alert while the read is still out: it waits the same bound, and starts no second read.
        var meanwhile = cache.NameOfAsync(Staging, CancellationToken.None).AsTask();
        _clock.Advance(AccountNameCache.MaxWait);
        var unnamedMeanwhile = await meanwhile;
        slow.SetResult(Organization());
        var named = await cache.NameOfAsync(Staging, CancellationToken.None);

        Assert.False(beforeTheBound);
        Assert.Null(unnamed);
        Assert.Null(unnamedMeanwhile);
        Assert.Equal("Staging", named);
        Assert.Equal(1, _directory.Reads);
    }

    [Fact]
    public async Task NameOfAsync_WhenEvenTheWarningFails_ShouldStillAnswer()
    {
        var cache = new AccountNameCache(AccountNames.Parse(Prod + "=prod", "test"), _directory, _clock, _ => throw new IOException("stdout closed"));

        var name = await cache.NameOfAsync(Staging, CancellationToken.None);

        Assert.Null(name);
        Assert.Equal(1, _directory.Reads);
    }

    private sealed class ScriptedDirectory : IAccountDirectory
    {
        private int _reads;

        public Func<Task<AccountNames?>> Next { get; set; } = () => Task.FromResult<AccountNames?>(null);

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reads => Volatile.Read(ref _reads);

        public async ValueTask<AccountNames?> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            Started.TrySetResult();
            return await Next().ConfigureAwait(false);
        }
    }
}
