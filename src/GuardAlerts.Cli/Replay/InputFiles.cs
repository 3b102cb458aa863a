namespace GuardAlerts.Cli.Replay;

/// <summary>Expands replay paths: files as given, directories recursively (JSON, JSON Lines, gzip), sorted by path.</summary>
internal static class InputFiles
{
    private static readonly string[] Extensions = [".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz", ".gz"];

    /// <summary>The size of the files on disk (compressed size for gzip): what the progress line counts read bytes against.</summary>
    public static long TotalBytes(IEnumerable<string> files) =>
        files.Sum(f =>
        {
            try
            {
                return new FileInfo(f).Length;
            }
            catch (IOException)
            {
                return 0L;
            }
        });

    public static (List<string> Files, List<string> Missing) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Any(x => f.EndsWith(x, StringComparison.OrdinalIgnoreCase))));
            }
            else
            {
                missing.Add(path);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return (files.Distinct(StringComparer.Ordinal).ToList(), missing);
    }
}
