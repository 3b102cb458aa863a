using System.Globalization;
using System.Text.Json;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>
/// --bursts n: n bursts of each kind the threshold rules look for, spread over the corpus, each by a caller (or from
/// an address) of its own, so what the replay finds can be checked against what was injected.
/// </summary>
internal static class BurstPlan
{
    /// <summary>The kinds, each with the rules it must cross, how many events, and the call.</summary>
    public static readonly (string Kind, string Rules, int Events, EventKindSpec Spec)[] Kinds =
    [
        ("failed-sign-ins", "threshold-console-login-failed-ip,threshold-console-login-password-spraying", 12, new("ConsoleLogin", "signin.amazonaws.com", 1, false, false, false, "failed")),
        ("secrets", "threshold-secretsmanager-get-secret-value", 12, new("GetSecretValue", "secretsmanager.amazonaws.com", 1, true, false, false, "read")),
        ("parameters", "threshold-ssm-get-parameters-decrypted", 22, new("GetParameter", "ssm.amazonaws.com", 1, true, false, false, "decrypted")),
        ("password-data", "threshold-ec2-get-password-data", 6, new("GetPasswordData", "ec2.amazonaws.com", 1, true, false, false, "read")),
        ("user-data", "threshold-ec2-describe-instance-user-data", 6, new("DescribeInstanceAttribute", "ec2.amazonaws.com", 1, true, false, false, "read")),
        ("refused", "threshold-access-denied-burst", 25, new("ListRoles", "iam.amazonaws.com", 1, true, false, false)),
    ];

    /// <summary>Writes burst <paramref name="index"/> of kind <paramref name="kind"/> starting at <paramref name="time"/>; returns its manifest line.</summary>
    public static string Write(Utf8JsonWriter w, int kind, int index, Principal template, DateTime time, Random random)
    {
        var (name, rules, events, spec) = Kinds[kind];
        var caller = $"intruder-{name}-{index}";
        var ip = $"203.0.113.{(kind * 40) + index + 1}";
        for (var i = 0; i < events; i++)
        {
            var (value, who) = name switch
            {
                "failed-sign-ins" => ((string?)null, template with { Type = "IAMUser", UserName = $"{caller}-user-{i % 6}", Arn = null, AccessKeyId = "", SourceIp = ip }),
                "secrets" => ($"prod/{caller}/secret-{i}", template with { Type = "IAMUser", UserName = caller, Arn = $"arn:aws:iam::{template.Account}:user/{caller}", SourceIp = ip }),
                "parameters" => ($"/prod/{caller}/param-{i}", template with { Type = "IAMUser", UserName = caller, Arn = $"arn:aws:iam::{template.Account}:user/{caller}", SourceIp = ip }),
                _ => ($"i-0{kind}{index:D3}{i:D12}", template with { Type = "IAMUser", UserName = caller, Arn = $"arn:aws:iam::{template.Account}:user/{caller}", SourceIp = ip }),
            };
            RecordWriter.Write(w, spec, who, time.AddSeconds(i * 12), random, value, name == "refused" ? "AccessDenied" : null);
        }

        var by = name == "failed-sign-ins" ? ip : $"arn:aws:iam::{template.Account}:user/{caller}";
        return string.Create(CultureInfo.InvariantCulture, $"injected\t{rules}\t{by}\t{time:yyyy-MM-dd'T'HH:mm:ss'Z'}\t{events} events");
    }
}
