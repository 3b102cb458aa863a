using System.Text.Json;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// The mix: mostly read-only management calls and data-plane events (the noise in real trails), a few percent risky
/// management calls taken from the risk table's own eventNames and eventSources.
/// </summary>
internal sealed class EventCatalog
{
    private static readonly EventKindSpec[] Noise =
    [
        new("DescribeInstances", "ec2.amazonaws.com", 60, true, false, false),
        new("DescribeSecurityGroups", "ec2.amazonaws.com", 30, true, false, false),
        new("DescribeVolumes", "ec2.amazonaws.com", 20, true, false, false),
        new("DescribeNetworkInterfaces", "ec2.amazonaws.com", 20, true, false, false),
        new("ListRoles", "iam.amazonaws.com", 10, true, false, false),
        new("GetRole", "iam.amazonaws.com", 15, true, false, false),
        new("GetPolicyVersion", "iam.amazonaws.com", 10, true, false, false),
        new("ListBuckets", "s3.amazonaws.com", 15, true, false, false),
        new("GetBucketAcl", "s3.amazonaws.com", 30, true, false, false),
        new("GetBucketLocation", "s3.amazonaws.com", 20, true, false, false),
        new("GetCallerIdentity", "sts.amazonaws.com", 25, true, false, false),
        new("AssumeRole", "sts.amazonaws.com", 60, false, false, false),
        new("DescribeKey", "kms.amazonaws.com", 15, true, false, false),
        new("Decrypt", "kms.amazonaws.com", 90, true, false, false),
        new("GenerateDataKey", "kms.amazonaws.com", 40, true, false, false),
        new("DescribeLogGroups", "logs.amazonaws.com", 10, true, false, false),
        new("CreateLogStream", "logs.amazonaws.com", 15, false, false, false),
        new("GetParameter", "ssm.amazonaws.com", 30, true, false, false),
        new("UpdateInstanceInformation", "ssm.amazonaws.com", 40, false, false, false),
        new("LookupEvents", "cloudtrail.amazonaws.com", 5, true, false, false),
        new("ListFunctions20150331", "lambda.amazonaws.com", 5, true, false, false),
        new("CreateTags", "ec2.amazonaws.com", 8, false, false, false),
        new("GetObject", "s3.amazonaws.com", 120, true, true, false),
        new("PutObject", "s3.amazonaws.com", 60, false, true, false),
        new("HeadObject", "s3.amazonaws.com", 40, true, true, false),
        new("GetItem", "dynamodb.amazonaws.com", 50, true, true, false),
        new("PutItem", "dynamodb.amazonaws.com", 25, false, true, false),
        new("Invoke", "lambda.amazonaws.com", 30, false, true, false),
    ];

    // --threshold-mix: what the threshold rules count, at rates seen in application accounts (weights in hundredths
    // of the noise weights above, which sum to 923): applications read their secrets and decrypted parameters at
    // start-up and on every cache miss (~2 % and ~2 % of calls); BatchGetSecretValue is new and rare; Windows password
    // data and user data are read by hand, a few times a day; failed console sign-ins are typos, ~0.03 %.
    private static readonly EventKindSpec[] ThresholdMix =
    [
        new("GetSecretValue", "secretsmanager.amazonaws.com", 1800, true, false, false, "read"),
        new("BatchGetSecretValue", "secretsmanager.amazonaws.com", 20, true, false, false, "read"),
        new("GetParameter", "ssm.amazonaws.com", 1400, true, false, false, "decrypted"),
        new("GetParameters", "ssm.amazonaws.com", 300, true, false, false, "decrypted"),
        new("GetParametersByPath", "ssm.amazonaws.com", 200, true, false, false, "decrypted"),
        new("GetPasswordData", "ec2.amazonaws.com", 5, true, false, false, "read"),
        new("DescribeInstanceAttribute", "ec2.amazonaws.com", 60, true, false, false, "read"),
        new("ConsoleLogin", "signin.amazonaws.com", 30, false, false, false, "failed"),
    ];

    /// <summary>The read-only and write management calls of the noise, without data events (an organization trail of management events).</summary>
    public static IReadOnlyList<EventKindSpec> ManagementNoise { get; } = [.. Noise.Where(n => !n.Data)];

    private readonly EventKindSpec[] _all;
    private readonly int[] _cumulative;

    /// <summary>Builds the mix from the risk table; <paramref name="riskyPercent"/> of events are risky management calls.</summary>
    public EventCatalog(string riskTablePath, double riskyPercent, bool thresholdMix = false)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(riskTablePath));
        var risky = new List<EventKindSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in document.RootElement.GetProperty("rules").EnumerateArray())
        {
            // Threshold rules count routine calls, not risky ones: --threshold-mix adds those at their own rates.
            if (!rule.TryGetProperty("eventNames", out var names) || !rule.TryGetProperty("eventSource", out var source) || rule.TryGetProperty("threshold", out _))
            {
                continue;
            }

            foreach (var name in names.EnumerateArray())
            {
                if (seen.Add(name.GetString()!))
                {
                    risky.Add(new EventKindSpec(name.GetString()!, source.GetString()!, 1, false, false, true));
                }
            }
        }

        risky.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var noiseWeight = Noise.Sum(n => n.Weight);
        // Give the risky names, together, riskyPercent of the total weight.
        var each = Math.Max(1, (int)Math.Round(noiseWeight * riskyPercent / (100 - riskyPercent) / risky.Count * 100));
        _all = [.. Noise.Select(n => n with { Weight = n.Weight * 100 }), .. risky.Select(r => r with { Weight = each }), .. thresholdMix ? ThresholdMix : []];
        _cumulative = new int[_all.Length];
        var total = 0;
        for (var i = 0; i < _all.Length; i++)
        {
            total += _all[i].Weight;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<EventKindSpec> All => _all;

    public EventKindSpec Pick(Random random)
    {
        var r = random.Next(_cumulative[^1]);
        var i = Array.BinarySearch(_cumulative, r + 1);
        return _all[i >= 0 ? i : ~i];
    }
}
