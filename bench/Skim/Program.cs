using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

// skim [--decompress-only] <file-or-dir>...
// Reads every token of every file with Utf8JsonReader (streaming, 1 MB buffer) and counts the records of
// {"Records":[...]} files; with --decompress-only it just reads the (gunzipped) bytes. Prints one line:
// "bytes=<uncompressed> events=<n> seconds=<s>".
var decompressOnly = args.Contains("--decompress-only");
var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))
    .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
    .Order(StringComparer.Ordinal)
    .ToList();

var watch = Stopwatch.StartNew();
long bytes = 0, events = 0;
var buffer = new byte[1024 * 1024];
foreach (var path in files)
{
    using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    var magic = new byte[2];
    var got = file.Read(magic);
    file.Position = 0;
    using var input = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
    if (decompressOnly)
    {
        int n;
        while ((n = input.Read(buffer)) > 0)
        {
            bytes += n;
        }

        continue;
    }

    var state = new JsonReaderState();
    var filled = 0;
    var final = false;
    while (!final)
    {
        var n = input.Read(buffer, filled, buffer.Length - filled);
        final = n == 0;
        filled += n;
        bytes += n;
        var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
            {
                events++;
            }
        }

        var consumed = (int)reader.BytesConsumed;
        state = reader.CurrentState;
        Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
        filled -= consumed;
        if (filled == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes={bytes} events={events} seconds={watch.Elapsed.TotalSeconds:F3}"));
