using System.Text.RegularExpressions;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Samples;
using GuardAlerts.Testing;

namespace GuardAlerts.Core.Tests.Rendering;

/// <summary>The subject and SMS of every alerting sample, read as an on-call engineer reads them.</summary>
public partial class HeadlineSamplesTests
{
    private static readonly char[] Punctuation = ['.', ',', ':', ';', '(', ')', '[', ']', '"'];

    private static async Task<List<(string File, Decision Decision)>> AlertsAsync() =>
        (await SampleRun.GetAsync()).Where(r => r.Decision is { Outcome: Outcome.Alert, Alert: not null }).ToList();

    [Fact]
    public async Task EveryAlertingSample_ShouldNeverCutAWordOrIdentifierInItsSubjectOrSms()
    {
        var alerts = await AlertsAsync();
        Assert.NotEmpty(alerts);
        foreach (var (file, d) in alerts)
        {
            // Every word of the headline is a whole word of the e-mail (which is never shortened), or a cut mark.
            var email = Words(d.Alert!.EmailBody).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var text in new[] { d.Alert.Subject, d.Alert.Sms })
            {
                foreach (var word in Words(text).Where(w => !IsMarkOrClock(w)))
                {
                    Assert.True(email.Contains(word.EndsWith("...", StringComparison.Ordinal) ? word[..^3] : word),
                        $"{file}: '{word}' in \"{text}\" is not a whole word of the e-mail");
                }
            }
        }
    }

    [Fact]
    public async Task EveryAlertingSample_ShouldFitItsSmsInOneGsm7Part()
    {
        foreach (var (file, d) in await AlertsAsync())
        {
            Assert.True(SmsEncoding.Septets(d.Alert!.Sms) is { } septets && septets <= SmsEncoding.MaxSeptets, $"{file}: '{d.Alert.Sms}' is not one GSM-7 part");
        }
    }

    [Fact]
    public async Task EveryAlertingSample_WhoseRuleNamesSpecifics_ShouldShowTheFirstInSubjectAndSms()
    {
        var alerts = await AlertsAsync();
        var policy = SampleRun.LoadPolicy(DateTimeOffset.UnixEpoch);
        var checkedCount = 0;
        foreach (var (file, d) in alerts)
        {
            var rule = policy.RiskTable.Rules.Single(r => r.Id == d.RuleId);
            var details = d.Alert!.EmailBody.Split('\n').FirstOrDefault(l => l.StartsWith("Details:", StringComparison.Ordinal));
            if (rule.Specifics.Count == 0 || details is null)
            {
                continue;
            }

            // The first value of the first specific (with its label): "tcp/22", "from 203.0.113.9", the finding type.
            var first = details["Details:".Length..].Trim().Split("; ")[0].Split(", ")[0];
            Assert.Contains(first, d.Alert.Sms, StringComparison.Ordinal);
            Assert.Contains(first, d.Alert.Subject, StringComparison.Ordinal);
            checkedCount++;
        }

        // Every rule of the shipped table names specifics; most samples reach at least one.
        Assert.True(checkedCount > alerts.Count * 9 / 10, $"{checkedCount} of {alerts.Count} alerts showed specifics");
    }

    [Fact]
    public void EveryShippedRule_ShouldNameItsSpecifics()
    {
        var policy = SampleRun.LoadPolicy(DateTimeOffset.UnixEpoch);

        Assert.All(policy.RiskTable.Rules, r => Assert.True(r.Specifics.Count > 0, $"rule {r.Id} names no specifics"));
    }

    [Fact]
    public async Task EveryGuardDutySample_ShouldNameTheFindingTypeInSubjectAndSms()
    {
        var findings = (await AlertsAsync()).Where(a => a.Decision.Kind == EventKind.GuardDuty).ToList();

        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Contains(f.Decision.Name!, f.Decision.Alert!.Subject, StringComparison.Ordinal);
            Assert.Contains(f.Decision.Name!, f.Decision.Alert.Sms, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EverySignInSample_ShouldShowNoEmptyTarget()
    {
        var signIns = (await AlertsAsync()).Where(a => a.Decision.Name == "ConsoleLogin").ToList();

        Assert.NotEmpty(signIns);
        Assert.All(signIns, s => Assert.DoesNotContain("target -", s.Decision.Alert!.EmailBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryAlertingSample_ShouldSayWithoutMfaOnlyForRootAUserOrAConsoleSession()
    {
        var said = 0;
        foreach (var (file, d) in await AlertsAsync())
        {
            if (d.Alert!.EmailBody.Contains("WITHOUT MFA", StringComparison.Ordinal))
            {
                said++;
                var person = d.Actor!.IdentityType is "Root" or "IAMUser" || d.Name == "ConsoleLogin" || FromConsoleSession(file);
                Assert.True(person, $"{file}: WITHOUT MFA for a {d.Actor.IdentityType} session outside the console");
            }
        }

        Assert.True(said > 0, "no sample says WITHOUT MFA: the check above proved nothing");
    }

    private static bool FromConsoleSession(string file) => ConsoleSession().IsMatch(File.ReadAllText(Path.Combine(RepoPaths.Events, file)));

    [GeneratedRegex("\"sessionCredentialFromConsole\"\\s*:\\s*\"true\"")]
    private static partial Regex ConsoleSession();

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(Punctuation)).Where(w => w.Length > 0);

    private static bool IsMarkOrClock(string word) => word is "..." or "-" or "SAMPLE" || PlusCount().IsMatch(word) || Clock().IsMatch(word);

    [GeneratedRegex(@"^\+[0-9]+$")]
    private static partial Regex PlusCount();

    // The SMS's "11-13 03:17Z"; the e-mail writes the full date and time.
    [GeneratedRegex(@"^([0-9]{2}-[0-9]{2}|[0-9]{2}:[0-9]{2}Z)$")]
    private static partial Regex Clock();
}
