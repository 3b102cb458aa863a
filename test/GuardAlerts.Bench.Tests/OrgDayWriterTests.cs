using System.Text.Json;
using GuardAlerts.Bench.CorpusGen;

namespace GuardAlerts.Bench.Tests;

/// <summary>The organization's day as written: every record where the plan puts it, and the same bytes for the same seed.</summary>
public sealed class OrgDayWriterTests : IDisposable
{
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("org-day-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static (IReadOnlyList<AccountDay> Days, OrgDaySummary Summary) Write(string dir, int seed, int accounts = 6)
    {
        var days = OrgPlanner.Accounts(accounts, Regions, seed).Select(a => OrgPlanner.Plan(a, Regions, seed, volume: 0.05)).ToList();
        return (days, OrgDayWriter.Write(dir, days, seed, gzip: false));
    }

    [Fact]
    public void EveryRecordIsInItsAccountAndRegionAndTheDayHoldsWhatWasPlanned()
    {
        var (days, summary) = Write(_dir.FullName, 6);
        var ids = days.Select(d => d.Account.Id).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        long records = 0;
        foreach (var file in Directory.GetFiles(_dir.FullName, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(_dir.FullName, file).Split(Path.DirectorySeparatorChar);
            var (account, region) = (relative[0], relative[1]);
            Assert.Contains(account, ids);
            Assert.Contains(region, Regions);
            // Named as CloudTrail names a file: by the time it is delivered, the end of its hour (the last one the next day).
            Assert.Matches($"^{account}_CloudTrail_{region}_202610(17|18)T[0-9]{{4}}Z_[0-9]{{2}}\\.json$", relative[2]);
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var record in document.RootElement.GetProperty("Records").EnumerateArray())
            {
                records++;
                Assert.Equal(account, record.GetProperty("recipientAccountId").GetString());
                Assert.Equal(region, record.GetProperty("awsRegion").GetString());
                Assert.Equal("Management", record.GetProperty("eventCategory").GetString());
                var name = record.GetProperty("eventName").GetString()!;
                names[name] = names.GetValueOrDefault(name) + 1;
                if (record.GetProperty("eventSource").GetString() == "iam.amazonaws.com")
                {
                    Assert.Equal("us-east-1", region);
                }
            }
        }

        Assert.Equal(days.Sum(d => d.CloudTrailEvents), records);
        Assert.Equal(summary.CloudTrailEvents, records);
        // The risky calls are exactly the planned ones: no noise call shares their names.
        foreach (var planned in days.SelectMany(d => d.Risky).GroupBy(c => c.Spec.Name))
        {
            Assert.Equal(planned.Count(), names.GetValueOrDefault(planned.Key));
        }

        var findings = File.ReadAllLines(Path.Combine(_dir.FullName, "guardduty", "findings.jsonl"));
        Assert.Equal(days.Sum(d => d.Findings.Count), findings.Length);
        Assert.All(findings, line =>
        {
            using var finding = JsonDocument.Parse(line);
            Assert.Contains(finding.RootElement.GetProperty("accountId").GetString()!, ids);
            Assert.Contains(finding.RootElement.GetProperty("region").GetString()!, Regions);
        });
    }

    [Fact]
    public void TheSameSeedWritesTheSameBytesAndAnotherSeedOthers()
    {
        var a = _dir.CreateSubdirectory("a").FullName;
        var b = _dir.CreateSubdirectory("b").FullName;
        var c = _dir.CreateSubdirectory("c").FullName;
        Write(a, 6);
        Write(b, 6);
        Write(c, 7);
        var filesA = Files(a);
        Assert.NotEmpty(filesA);
        Assert.Equal(filesA.Keys, Files(b).Keys);
        foreach (var (name, bytes) in Files(b))
        {
            Assert.True(filesA[name].AsSpan().SequenceEqual(bytes), $"{name} differs between two runs with the same seed");
        }

        // Another seed draws other account ids, so no log file has the same name.
        Assert.DoesNotContain(filesA.Keys.Intersect(Files(c).Keys), k => k.EndsWith(".json", StringComparison.Ordinal));
    }

    private static SortedDictionary<string, byte[]> Files(string dir) =>
        new(Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes), StringComparer.Ordinal);
}
