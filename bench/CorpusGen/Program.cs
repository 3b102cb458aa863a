using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using GuardAlerts.Bench.CorpusGen;

// corpus-gen --out <dir> --size-mb <n> [--file-mb 8] [--gzip] [--seed 6] [--risky-percent 3] [--risk-table config/risk-table.json]
//            [--threshold-mix] [--bursts <n>]
// --threshold-mix adds the calls threshold rules count (secrets, decrypted parameters, password and user data, failed
// sign-ins) to the mix; --bursts n injects n bursts of each kind they look for and prints one "injected" line per burst.
// Without them the bytes are those of earlier versions, so existing benchmark corpora stay comparable.
// corpus-gen --out <dir> --accounts <n> --regions <r1,r2,...> [--volume 1] [--seed 6] [--gzip]
// writes an organization's day instead (OrgPlanner; figures and assumptions in bench/README.md) and prints what it holds.
// Deterministic: the same arguments always write the same bytes (System.Random with a seed is stable across runs).
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--gzip" or "--threshold-mix")
    {
        options[args[i]] = "true";
    }
    else if (i + 1 < args.Length)
    {
        options[args[i]] = args[++i];
    }
}

if (options.TryGetValue("--out", out var orgDir) && (options.ContainsKey("--accounts") || options.ContainsKey("--regions")))
{
    var (org, error) = OrgOptions.Parse(options);
    if (org is null)
    {
        Console.Error.WriteLine("corpus-gen: " + error);
        return 2;
    }

    var orgSeed = int.Parse(options.GetValueOrDefault("--seed", "6"), CultureInfo.InvariantCulture);
    var accounts = OrgPlanner.Accounts(org.Accounts, org.Regions, orgSeed);
    var days = accounts.Select(a => OrgPlanner.Plan(a, org.Regions, orgSeed, org.Volume)).ToList();
    var summary = OrgDayWriter.Write(orgDir, days, orgSeed, options.ContainsKey("--gzip"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{orgDir}: {summary.Bytes / (1024.0 * 1024):F1} MB uncompressed, {summary.Files} files, {summary.CloudTrailEvents} CloudTrail events, {summary.Findings} GuardDuty findings"));
    foreach (var (profile, count) in summary.AccountsByProfile.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accounts\t{profile}\t{count}"));
    }

    foreach (var (kind, count) in summary.RiskyByKind.OrderBy(p => p.Key, StringComparer.Ordinal))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"risky\t{kind}\t{count}"));
    }

    return 0;
}

if (!options.TryGetValue("--out", out var outDir) || !options.TryGetValue("--size-mb", out var sizeText))
{
    Console.Error.WriteLine("usage: corpus-gen --out <dir> --size-mb <n> [--file-mb 8] [--gzip] [--seed 6] [--risky-percent 3] [--risk-table <path>] [--threshold-mix] [--bursts <n>]");
    Console.Error.WriteLine("       corpus-gen --out <dir> --accounts <n> --regions <r1,r2,...> [--volume 1] [--seed 6] [--gzip]");
    return 2;
}

var totalBytes = long.Parse(sizeText, CultureInfo.InvariantCulture) * 1024 * 1024;
var fileBytes = long.Parse(options.GetValueOrDefault("--file-mb", "8"), CultureInfo.InvariantCulture) * 1024 * 1024;
var seed = int.Parse(options.GetValueOrDefault("--seed", "6"), CultureInfo.InvariantCulture);
var gzip = options.ContainsKey("--gzip");
var riskyPercent = double.Parse(options.GetValueOrDefault("--risky-percent", "3"), CultureInfo.InvariantCulture);
var catalog = new EventCatalog(options.GetValueOrDefault("--risk-table", "config/risk-table.json"), riskyPercent, options.ContainsKey("--threshold-mix"));
var bursts = int.Parse(options.GetValueOrDefault("--bursts", "0"), CultureInfo.InvariantCulture);
// Burst k of each kind goes into the file at (k + 1) / (bursts + 1) of the corpus, the kinds a few files apart.
var expectedFiles = Math.Max(1, (int)(totalBytes / fileBytes));
var burstAt = new Dictionary<int, List<(int Kind, int Index)>>();
for (var k = 0; k < bursts; k++)
{
    for (var kind = 0; kind < BurstPlan.Kinds.Length; kind++)
    {
        var at = Math.Min(expectedFiles - 1, (int)((long)expectedFiles * (k + 1) / (bursts + 1)) + kind);
        (burstAt.TryGetValue(at, out var list) ? list : burstAt[at] = []).Add((kind, k));
    }
}

var principals = Principals.Create(new Random(seed));

Directory.CreateDirectory(outDir);
long written = 0, events = 0, risky = 0;
var start = new DateTime(2026, 10, 17, 0, 0, 0, DateTimeKind.Utc);
for (var fileIndex = 0; written < totalBytes; fileIndex++)
{
    var random = new Random(unchecked((seed * 1_000_003) + fileIndex) & 0x7fffffff);
    var account = Principals.Accounts[fileIndex % Principals.Accounts.Length];
    var time = start.AddMinutes(5 * fileIndex);
    var name = Path.Combine(outDir, $"{account}_CloudTrail_us-east-1_{time:yyyyMMdd'T'HHmm'Z'}_{fileIndex:D5}.json" + (gzip ? ".gz" : ""));
    var fileStart = written;
    using (var file = File.Create(name))
    using (var sink = gzip ? new GZipStream(file, CompressionLevel.Optimal) : (Stream)file)
    {
        var counting = new CountingStream(sink);
        // CloudTrail writes "+", "<" and quotes in user agents as they are (relaxed escaping), not as \u002B.
        using (var w = new Utf8JsonWriter(counting, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("Records");
            foreach (var (kind, index) in burstAt.GetValueOrDefault(fileIndex) ?? [])
            {
                Console.WriteLine(BurstPlan.Write(w, kind, index, principals[0] with { Account = account }, time.AddSeconds(30 + (kind * 7)), random));
            }
            while (counting.Count + w.BytesPending < fileBytes && fileStart + counting.Count + w.BytesPending < totalBytes)
            {
                var spec = catalog.Pick(random);
                // Skewed: a few busy callers make most of the calls, as in real accounts.
                var p = principals[(int)(principals.Count * Math.Pow(random.NextDouble(), 2.5))];
                RecordWriter.Write(w, spec, p, time.AddMilliseconds(random.Next(300_000)), random);
                events++;
                risky += spec.Risky ? 1 : 0;
                if (w.BytesPending > 64 * 1024)
                {
                    w.Flush();
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        written = fileStart + counting.Count;
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{outDir}: {written / (1024.0 * 1024):F1} MB uncompressed, {events} events ({risky} with a risk-table eventName, {100.0 * risky / Math.Max(1, events):F1}%)"));
return 0;
