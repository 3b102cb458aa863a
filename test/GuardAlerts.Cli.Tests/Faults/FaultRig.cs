using System.Text.Json;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>
/// Runs guard-alerts replay over events/ against a DynamoDB endpoint (dynalite) and the SNS stand-in, with a short
/// claim lease, and knows which alerts a fault-free run must publish (an in-memory replay of the same events).
/// </summary>
internal sealed class FaultRig(Uri dynamoDb, CaptureServer sns)
{
    public const string Topic = "arn:aws:sns:us-east-1:111122223333:guard-alerts";

    /// <summary>The shortest lease the options accept: a killed run's claims become retryable this soon.</summary>
    public const int LeaseSeconds = 5;

    private static readonly SemaphoreSlim ExpectedLock = new(1, 1);
    private static HashSet<string>? _expected;

    public string Table { get; } = "ledger-" + Guid.NewGuid().ToString("n")[..12];

    public Dictionary<string, string> Environment => new()
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDLOCAL",
        ["AWS_SECRET_ACCESS_KEY"] = "local-secret",
        ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ToString(),
        ["AWS_ENDPOINT_URL_SNS"] = sns.Endpoint.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["GUARDALERTS_LEASE_SECONDS"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public string[] ReplayArguments(params string[] extra) =>
        ["replay", "events", "--format", "jsonl", "--table", Table, "--topic-arn", Topic, .. extra];

    /// <summary>The dedup keys an in-memory replay of events/ alerts on (computed once per test run).</summary>
    public static async Task<HashSet<string>> ExpectedAlertKeysAsync()
    {
        await ExpectedLock.WaitAsync();
        try
        {
            if (_expected is null)
            {
                var (exit, stdout, stderr) = await CliProcess.RunAsync("replay", "events", "--format", "jsonl");
                Assert.True(exit == 0, stderr);
                _expected = AlertKeys(Records(stdout)).ToHashSet(StringComparer.Ordinal);
            }

            return _expected;
        }
        finally
        {
            ExpectedLock.Release();
        }
    }

    /// <summary>Creates the ledger table (an empty replay with --create-table).</summary>
    public async Task CreateTableAsync()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(Environment, "replay", CliProcess.TempDir(), "--table", Table, "--topic-arn", Topic, "--create-table");
        Assert.True(exit == 0, stderr);
    }

    public async Task<ReplayRun> ReplayAsync()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(Environment, ReplayArguments());
        return new ReplayRun(exit, Records(stdout), stderr);
    }

    /// <summary>
    /// Re-runs the replay, as an operator (or Lambda's retries) would, until a run has nothing left to do: no failed
    /// event and no claim still pending. A pending claim of a dead run needs its lease to lapse first. Bounded.
    /// </summary>
    public async Task<List<ReplayRun>> RecoverAsync(int maxRuns = 4)
    {
        var runs = new List<ReplayRun>();
        for (var i = 0; i < maxRuns; i++)
        {
            var run = await ReplayAsync();
            runs.Add(run);
            if (run.ExitCode == 0 && run.PendingClaims == 0)
            {
                return runs;
            }

            await Task.Delay(TimeSpan.FromSeconds(LeaseSeconds + 1));
        }

        return runs;
    }

    /// <summary>
    /// The dedup key of every alert the lines account for: a line's own alert, and each other alert its event
    /// published (a threshold crossing), which the reason names as "also alerted: rule (key K)".
    /// </summary>
    public static IEnumerable<string> AlertKeys(IEnumerable<(string Outcome, string? DedupKey, string? Reason)> records) =>
        records.SelectMany(r => (r.Outcome == "alert" ? [r.DedupKey!] : Array.Empty<string>())
            .Concat(AlsoAlerted.Matches(r.Reason ?? "").Select(m => m.Groups[1].Value)));

    private static readonly System.Text.RegularExpressions.Regex AlsoAlerted = new(@"also alerted: \S+ \(key ([^()\s;]+)\)");

    public static List<(string Outcome, string? DedupKey, string? Reason)> Records(string jsonl) =>
        jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line =>
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                return (root.GetProperty("outcome").GetString()!, root.GetProperty("dedupKey").GetString(), root.GetProperty("reason").GetString());
            })
            .ToList();
}
