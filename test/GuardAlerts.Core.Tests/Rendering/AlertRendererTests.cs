using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rendering;

public class AlertRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    private static RenderedAlert Render(string json)
    {
        var e = Json.Valid(json);
        var match = TestPolicy.Table().Match(e)!;
        return AlertRenderer.Render(new AlertContext(e, new ActorAttributor().Attribute(e), match, match.Severity, "key", Now));
    }

    private static void AssertSnsSafe(RenderedAlert alert)
    {
        Assert.InRange(alert.Subject.Length, 1, AlertRenderer.MaxSubject);
        Assert.All(alert.Subject, c => Assert.InRange(c, ' ', '~'));
        Assert.True(char.IsLetterOrDigit(alert.Subject[0]) || char.IsPunctuation(alert.Subject[0]));
        Assert.InRange(alert.Sms.Length, 1, AlertRenderer.MaxSms);
        Assert.All(alert.Sms, c => Assert.InRange(c, ' ', '~'));
        Assert.InRange(SmsEncoding.Septets(alert.Sms) ?? int.MaxValue, 1, SmsEncoding.MaxSeptets);
        Assert.True(Encoding.UTF8.GetByteCount(alert.MessageJson) < 256 * 1024);
        Assert.DoesNotContain(alert.EmailBody, c => char.IsControl(c) && c != '\n' && c != '\r');
        Assert.DoesNotContain('\u202E', alert.EmailBody);
    }

    [Theory]
    [InlineData("mallory\r\nBcc: victim@example.com")]
    [InlineData("eve\u202Egpj.exe")]
    [InlineData("zoë 😀 \u0000\u0007\u001b[31m")]
    [InlineData("\"quoted\" <html>&amp;")]
    public void Render_WhenUserNameIsHostile_ShouldKeepEveryChannelSafe(string userName)
    {
        var identity = JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "IAMUser", ["userName"] = userName, ["arn"] = "arn:aws:iam::111122223333:user/" + userName });

        var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", identity));

        AssertSnsSafe(alert);
        Assert.DoesNotContain("\nBcc:", alert.EmailBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mallory\r\nBcc: victim@example.com")]
    [InlineData("zoë 😀 \u0000\u0007\u001b[31m \"quoted\" <html>&amp; \u2028")]
    public void Render_WhenUserNameIsHostile_ShouldWriteMessageJsonAsUtf8JsonWriterDoes(string userName)
    {
        var identity = JsonSerializer.Serialize(new Dictionary<string, string> { ["type"] = "IAMUser", ["userName"] = userName, ["arn"] = "arn:aws:iam::111122223333:user/" + userName });

        var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", identity));

        var expected = WriterOutput.Of(new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("default", alert.DefaultBody);
            writer.WriteString("email", alert.EmailBody);
            writer.WriteString("sms", alert.Sms);
            writer.WriteString("https", alert.ChatJson);
            writer.WriteEndObject();
        });
        Assert.Equal(expected, alert.MessageJson);
    }

    [Fact]
    public void Render_WhenFindingHasTwentyThousandBuckets_ShouldStayUnderSnsLimit()
    {
        var buckets = string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$"""{"name":"bucket-{{i}}-{{new string('x', 40)}}"}"""));
        var alert = Render(Json.Finding("Exfiltration:S3/AnomalousBehavior", 8, $$"""{"resourceType":"S3Bucket","s3BucketDetails":[{{buckets}}]}"""));

        AssertSnsSafe(alert);
        Assert.Contains("and 19997 more", alert.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenSampleFinding_ShouldSaySampleInSubjectAndBody()
    {
        var alert = Render(Json.Finding("Backdoor:EC2/C&CActivity.B!DNS", 8).Replace("\"additionalInfo\":{}", "\"additionalInfo\":{\"sample\":true}", StringComparison.Ordinal));

        Assert.StartsWith("[SAMPLE] High:", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("SAMPLE FINDING", alert.EmailBody, StringComparison.Ordinal);
    }

    private static string CrossAccountRole(string role, string session) =>
        Json.AssumedRole(role, session).Replace("111122223333", "444455556666", StringComparison.Ordinal);

    [Fact]
    public void Render_WhenCallerIsFromAnotherAccount_ShouldSaySoInSubjectSmsAndBody()
    {
        var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", CrossAccountRole("Auditor", "x"), ""","requestParameters":{"name":"main"}"""));

        // The whole line would be 110 characters: the session name, the region and the role give way, each leaving a
        // mark; the trail (the rule's specific) and the other account stay.
        Assert.Equal("High: CloudTrail logging stopped: main - 111122223333 ... - from account 444455556666", alert.Subject);
        Assert.EndsWith("Z. role Auditor (session x) from account 444455556666", alert.Sms, StringComparison.Ordinal);
        Assert.StartsWith("High: CloudTrail logging stopped: main. 111122223333 us-east-1 ", alert.Sms, StringComparison.Ordinal);
        Assert.Contains("FROM ANOTHER ACCOUNT 444455556666", alert.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenCallerIsFromThisAccount_ShouldNotMentionAnotherAccount()
    {
        var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.AssumedRole("Auditor", "x"), ""","requestParameters":{"name":"main"}"""));

        Assert.DoesNotContain("from account", alert.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("from account", alert.Sms, StringComparison.Ordinal);
        Assert.DoesNotContain("ANOTHER ACCOUNT", alert.EmailBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[prod]|{main}~trail^\\[x]")]
    [InlineData("`main`")]
    [InlineData("a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|u|v|w|x|y|z|[]{}~^")]
    public void Render_WhenSpecificsHoldCharactersOutsideOrBeyondGsm7_ShouldStillFitOneSmsPart(string name)
    {
        // A bracket or bar takes two GSM-7 places and a backtick would switch the text to UCS-2 (70 per part):
        // either would split the SMS into several messages that may arrive out of order.
        var json = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ",\"requestParameters\":{\"name\":" + JsonSerializer.Serialize(name) + "}");
        var alert = Render(json);

        AssertSnsSafe(alert);
        Assert.DoesNotContain('`', alert.Sms);
        Assert.StartsWith("High: CloudTrail logging stopped", alert.Sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(64, 20)]
    [InlineData(64, 64)]
    [InlineData(20, 64)]
    public void Render_WhenActorDoesNotFit_ShouldDropWholePartsAndKeepTheOtherAccount(int roleLength, int sessionLength)
    {
        // IAM allows 64-character role and session names: the line must give way by whole parts, never by cutting
        // the other account (or any identifier) in half.
        var role = new string('r', roleLength);
        var session = new string('s', sessionLength);
        var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", CrossAccountRole(role, session), ""","requestParameters":{"name":"main"}"""));

        foreach (var (text, max) in new[] { (alert.Subject, AlertRenderer.MaxSubject), (alert.Sms, AlertRenderer.MaxSms) })
        {
            Assert.InRange(text.Length, 1, max);
            Assert.EndsWith("from account 444455556666", text, StringComparison.Ordinal);
            Assert.Contains("111122223333", text, StringComparison.Ordinal);
            var words = text.Split(' ');
            Assert.All(words.Where(w => w.Trim('(', ')').All(c => c == 'r')), w => Assert.Equal(role, w));
            Assert.All(words.Where(w => w.Trim('(', ')').All(c => c == 's') && w.Trim('(', ')').Length > 0 && w != "(session"), w => Assert.Equal(session + ")", w));
        }
    }

    [Fact]
    public void Render_WhenEvenTheTitleDoesNotFit_ShouldShortenOnlyTheTitle()
    {
        var e = Json.Valid(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", CrossAccountRole("Auditor", "x"), ""","requestParameters":{"name":"main"}"""));
        var match = TestPolicy.Table().Match(e)!;
        var longTitle = string.Join(' ', Enumerable.Repeat("logging", 30));
        match = match with { Rule = match.Rule with { Title = longTitle } };

        var alert = AlertRenderer.Render(new AlertContext(e, new ActorAttributor().Attribute(e), match, match.Severity, "key", Now));

        Assert.InRange(alert.Subject.Length, 1, AlertRenderer.MaxSubject);
        Assert.StartsWith("High: logging logging", alert.Subject, StringComparison.Ordinal);
        Assert.True(alert.Subject.EndsWith("...: main - 111122223333 ... - from account 444455556666", StringComparison.Ordinal), alert.Subject);
        Assert.EndsWith("Z. from account 444455556666", alert.Sms, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenCloudTrailAlert_ShouldExplainAndOfferExemption()
    {
        var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ""","requestParameters":{"name":"main-trail"}"""));

        Assert.Equal("High: CloudTrail logging stopped: main-trail - 111122223333 us-east-1 - alice", alert.Subject);
        Assert.StartsWith("High: CloudTrail logging stopped: main-trail. 111122223333 us-east-1 ", alert.Sms, StringComparison.Ordinal);
        Assert.Contains("target main-trail", alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("\nDetails:   main-trail", alert.EmailBody.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(ExemptionSnippet.TakesEffect, alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("Why it matters:", alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("What to do next:", alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("https://us-east-1.console.aws.amazon.com/cloudtrailv2/home?region=us-east-1#/events/ev-env-1", alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("\"principalArns\": [", alert.EmailBody, StringComparison.Ordinal);
        Assert.Contains("\"expires\": \"2026-12-30\"", alert.EmailBody, StringComparison.Ordinal);
        Assert.Equal(["severity", "kind", "name", "account", "region"], alert.Attributes.Select(a => a.Key));
        Assert.Equal("High", alert.Attributes[0].Value);

        using var message = JsonDocument.Parse(alert.MessageJson);
        Assert.Equal(alert.Sms, message.RootElement.GetProperty("sms").GetString());
        Assert.Equal(alert.EmailBody, message.RootElement.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Render_WhenBodyIsReadFromManyThreadsAtOnce_ShouldGiveEveryoneTheSameTexts()
    {
        var json = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser, ""","requestParameters":{"name":"main-trail"}""");
        var expected = Render(json);
        _ = expected.MessageJson;
        var alert = Render(json);
        using var start = new ManualResetEventSlim();

        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return (alert.MessageJson, alert.EmailBody, alert.DefaultBody);
        })).ToList();
        start.Set();
        var reads = await Task.WhenAll(readers);

        Assert.All(reads, r => Assert.Same(reads[0].MessageJson, r.MessageJson));
        Assert.All(reads, r => Assert.Same(reads[0].EmailBody, r.EmailBody));
        Assert.Equal(expected.MessageJson, reads[0].MessageJson);
        Assert.Equal(expected.EmailBody, reads[0].EmailBody);
        Assert.Equal(expected.DefaultBody, reads[0].DefaultBody);
    }

    [Fact]
    public void Render_WhenSameEventRenderedTwice_ShouldGiveEqualAlerts()
    {
        var json = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser);
        var first = Render(json);
        var second = Render(json);

        // Equality compares the texts (rendering them), not how or when each was rendered; the attribute lists are
        // distinct objects, so compare everything else through a copy that shares them.
        Assert.Equal(first, second with { Attributes = first.Attributes });
        Assert.Equal(first.GetHashCode(), (second with { Attributes = first.Attributes }).GetHashCode());
        Assert.NotEqual(first, second with { Attributes = first.Attributes, EmailBody = "changed" });
    }

    [Theory]
    [InlineData("\\t\\u000b\\r\\n")]
    [InlineData("\\u202e\\u200b\\ufeff")]
    [InlineData("  ")]
    public void Render_WhenRegionSanitisesToNothing_ShouldStillSendNonEmptyAttributes(string region)
    {
        var json = Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.IamUser).Replace("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":\"" + region + "\"", StringComparison.Ordinal);

        var alert = Render(json);

        // SNS rejects an empty message attribute value: the alert would never be published.
        Assert.Contains(alert.Attributes, a => a.Key == "region" && a.Value == "unknown");
        Assert.All(alert.Attributes, a => Assert.NotEmpty(a.Value));
    }

    [Fact]
    public void Render_WhateverTheSessionNameLength_ShouldKeepTheSubjectUnderSnsLimitOf100()
    {
        // SNS Publish: "Subjects must be ... less than 100 characters long"; a subject SNS refuses loses the whole alert.
        // Session names of every length bring the full line to exactly 100 characters for one of them.
        for (var length = 2; length <= 64; length++)
        {
            var alert = Render(Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", Json.AssumedRole("Admin", new string('s', length))));

            Assert.True(alert.Subject.Length < 100, $"session of {length}: {alert.Subject.Length} characters: {alert.Subject}");
        }
    }
}
