using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Cli.Tests.Faults;

/// <summary>Reads back, from the SNS stand-in's recorded requests, which dedup keys were published (accepted) how often.</summary>
internal static partial class PublishedAlerts
{
    /// <summary>The dedup key of every Publish the server accepted (HTTP 200), in arrival order.</summary>
    public static List<string> Keys(CaptureServer sns) =>
        sns.Requests.Where(r => r.Status == 200).Select(r => KeyOf(r.Body)).ToList();

    /// <summary>Compares what was published with what an in-memory replay decided to alert.</summary>
    public static FaultCounts Count(string scenario, int faultsInjected, IReadOnlyCollection<string> expected, CaptureServer sns)
    {
        var published = Keys(sns);
        var perKey = published.GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var duplicates = perKey.Values.Sum(n => n - 1);
        var losses = expected.Count(k => !perKey.ContainsKey(k));
        var unexpected = perKey.Keys.Count(k => !expected.Contains(k));
        if (unexpected > 0)
        {
            throw new InvalidOperationException($"{unexpected} published keys are not among the expected alerts (key extraction is broken?)");
        }

        return new FaultCounts(scenario, faultsInjected, expected.Count, published.Count, duplicates, losses);
    }

    private static string KeyOf(byte[] body)
    {
        foreach (var pair in Encoding.ASCII.GetString(body).Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (pair[..eq] != "Message")
            {
                continue;
            }

            using var message = JsonDocument.Parse(Uri.UnescapeDataString(pair[(eq + 1)..]));
            var email = message.RootElement.GetProperty("email").GetString() ?? string.Empty;
            var match = DedupLine().Match(email);
            if (match.Success)
            {
                return match.Groups[1].Value.Trim();
            }
        }

        throw new InvalidOperationException("a published message without a dedup key line");
    }

    [GeneratedRegex(@"Dedup key: ([^\r\n]+)")]
    private static partial Regex DedupLine();
}
