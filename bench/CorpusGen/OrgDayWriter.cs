using System.Globalization;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// Writes an organization's day: one CloudTrail log file per account, region and hour that has events
/// (<c>{account}/{region}/{account}_CloudTrail_{region}_{time}_{n}.json</c>, as an organization trail's S3 prefix
/// sorts them), and every GuardDuty finding as a line of <c>guardduty/findings.jsonl</c>. Accounts are written in
/// parallel, each from its own seeds, so the bytes do not depend on the order threads run in.
/// </summary>
internal static class OrgDayWriter
{
    public static OrgDaySummary Write(string outDir, IReadOnlyList<AccountDay> days, int seed, bool gzip)
    {
        Directory.CreateDirectory(outDir);
        var results = new (long Events, long Bytes, int Files)[days.Count];
        Parallel.For(0, days.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = WriteAccount(outDir, days[i], seed, gzip));

        var findings = days.SelectMany(d => d.Findings.Select(f => (d.Account, f))).ToList();
        var guardDuty = Path.Combine(outDir, "guardduty");
        Directory.CreateDirectory(guardDuty);
        using (var file = File.Create(Path.Combine(guardDuty, "findings.jsonl")))
        {
            foreach (var (account, finding) in findings)
            {
                var random = new Random(OrgPlanner.Mix(seed, account.Index, 3) ^ finding.Time.Millisecond);
                GuardDutyWriter.Write(file, account.Id, finding, random);
            }
        }

        return new OrgDaySummary(
            days.GroupBy(d => d.Account.Profile.Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            results.Sum(r => r.Events),
            results.Sum(r => r.Bytes),
            results.Sum(r => r.Files),
            days.SelectMany(d => d.Risky).GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
            findings.Count);
    }

    private static (long Events, long Bytes, int Files) WriteAccount(string outDir, AccountDay day, int seed, bool gzip)
    {
        var account = day.Account;
        var principals = Principals.Create(new Random(OrgPlanner.Mix(seed, account.Index, 2)), [account.Id]);
        var ci = principals.First(p => p.IssuerName == "github-actions-deploy") with { UserAgent = Principals.TerraformAgent };
        var people = principals.Where(p => p.IssuerName?.StartsWith("AWSReservedSSO_", StringComparison.Ordinal) == true)
            .Select(p => p with { UserAgent = Principals.BrowserAgent }).ToList();
        // Root calls are rare and each one alerts: the noise has none (bench/README.md).
        var callers = principals.Where(p => p.Type != "Root").ToList();
        var random = new Random(OrgPlanner.Mix(seed, account.Index, 4));
        long events = 0, bytes = 0;
        var files = 0;
        foreach (var region in day.RegionalNoise.Keys)
        {
            var dir = Path.Combine(outDir, account.Id, region);
            Directory.CreateDirectory(dir);
            for (var hour = 0; hour < 24; hour++)
            {
                var start = OrgPlanner.Day.AddHours(hour);
                var items = new List<(DateTime Time, EventKindSpec Spec, Principal Who)>();
                foreach (var (pick, count) in new[] { (OrgPlanner.RegionalNoise, day.RegionalNoise[region][hour]), (OrgPlanner.GlobalNoise, day.GlobalNoise[region][hour]) })
                {
                    for (var n = 0; n < count; n++)
                    {
                        // Skewed: a few busy callers make most of the calls, as in real accounts.
                        items.Add((start.AddMilliseconds(random.Next(3_600_000)), pick.Pick(random), callers[(int)(callers.Count * Math.Pow(random.NextDouble(), 2.5))]));
                    }
                }

                items.AddRange(day.Risky.Where(r => r.Region == region && r.Time.Hour == hour)
                    .Select(r => (r.Time, r.Spec, r.Actor == "ci" ? ci : people[int.Parse(r.Actor["person:".Length..], CultureInfo.InvariantCulture) % people.Count])));
                if (items.Count == 0)
                {
                    continue;
                }

                items.Sort((a, b) => a.Time.CompareTo(b.Time));
                var name = Path.Combine(dir, $"{account.Id}_CloudTrail_{region}_{start.AddHours(1):yyyyMMdd'T'HHmm'Z'}_{hour:D2}.json" + (gzip ? ".gz" : ""));
                using (var file = File.Create(name))
                using (var sink = gzip ? new GZipStream(file, CompressionLevel.Optimal) : (Stream)file)
                using (var w = new Utf8JsonWriter(sink, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
                {
                    w.WriteStartObject();
                    w.WriteStartArray("Records");
                    foreach (var (time, spec, who) in items)
                    {
                        RecordWriter.Write(w, spec, who, time, random, region: spec.Source == "iam.amazonaws.com" ? OrgPlanner.GlobalRegion : region);
                        if (w.BytesPending > 64 * 1024)
                        {
                            w.Flush();
                        }
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.Flush();
                    bytes += w.BytesCommitted;
                }

                events += items.Count;
                files++;
            }
        }

        return (events, bytes, files);
    }
}
