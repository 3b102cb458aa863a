using System.Text.Json;
using System.Text.RegularExpressions;
using GuardAlerts.Core.Accounts;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Rendering;

/// <summary>"111122223333 (prod)" wherever an alert names its account, within every channel's limits, and only there.</summary>
public sealed class AccountNameRenderingTests
{
    private const string Account = "111122223333";
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Fifty = "Production workloads, payments and ledger (EU-1)" + "ab";

    private static string StopLogging(string identity) =>
        Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", identity, ""","requestParameters":{"name":"main"}""");

    private static RenderedAlert Render(string? name, string? identity = null)
    {
        var e = Json.Valid(StopLogging(identity ?? Json.IamUser));
        var match = TestPolicy.Table().Match(e)!;
        return AlertRenderer.Render(new AlertContext(e, new ActorAttributor().Attribute(e), match, match.Severity, "key", Now, AccountName: name));
    }

    private static void AssertWithinLimits(RenderedAlert alert)
    {
        Assert.InRange(alert.Subject.Length, 1, AlertRenderer.MaxSubject);
        Assert.All(alert.Subject, c => Assert.InRange(c, ' ', '~'));
        Assert.InRange(alert.Sms.Length, 1, AlertRenderer.MaxSms);
        Assert.InRange(SmsEncoding.Septets(alert.Sms) ?? int.MaxValue, 1, SmsEncoding.MaxSeptets);
        ChatNotificationTests.AssertDocumentedShape(alert.ChatJson!);
    }

    [Fact]
    public void Render_WhenTheAccountHasAName_ShouldShowItBesideTheIdInEveryChannel()
    {
        var alert = Render("prod");

        AssertWithinLimits(alert);
        Assert.Equal("High: CloudTrail logging stopped: main - 111122223333 (prod) us-east-1 - alice", alert.Subject);
        Assert.StartsWith("High: CloudTrail logging stopped: main. 111122223333 (prod) us-east-1 ", alert.Sms, StringComparison.Ordinal);
        Assert.Contains("Account:   111122223333 (prod)  Region: us-east-1", alert.EmailBody, StringComparison.Ordinal);
        using var chat = JsonDocument.Parse(alert.ChatJson!);
        Assert.Contains("*Where:* account `111122223333 (prod)`", chat.RootElement.GetProperty("content").GetProperty("description").GetString(), StringComparison.Ordinal);
        var context = chat.RootElement.GetProperty("metadata").GetProperty("additionalContext");
        Assert.Equal(Account, context.GetProperty("account").GetString());
        Assert.Equal("prod", context.GetProperty("accountName").GetString());
        // Subscription filter policies match the account attribute: it stays the id.
        Assert.Contains(alert.Attributes, a => a.Key == "account" && a.Value == Account);
    }

    [Fact]
    public void Render_WhenTheAccountHasNoName_ShouldShowTheIdAlone()
    {
        var alert = Render(null);

        Assert.Equal("High: CloudTrail logging stopped: main - 111122223333 us-east-1 - alice", alert.Subject);
        Assert.DoesNotContain("accountName", alert.ChatJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenA50CharacterNameDoesNotFit_ShouldShortenTheNameNeverTheId()
    {
        var alert = Render(Fifty, Json.AssumedRole("OrganizationAccountAccessRole", "alice@example.com"));

        AssertWithinLimits(alert);
        // The actor's parts had to go: the name, shortened, takes what room is left.
        Assert.Equal("High: CloudTrail logging stopped: main - 111122223333 (Production workloads, payments and l...) ...", alert.Subject);
        // The SMS keeps the whole actor by leaving the name out.
        Assert.Contains(". 111122223333 us-east-1 10-01 10:00Z. role OrganizationAccountAccessRole (session alice@example.com)", alert.Sms, StringComparison.Ordinal);
        // The whole name where there is room for it.
        Assert.Contains($"Account:   111122223333 ({Fifty})", alert.EmailBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenA50CharacterNameFitsTheSmsButNotTheSubject_ShouldShortenItInTheSubjectOnly()
    {
        var alert = Render(Fifty);

        AssertWithinLimits(alert);
        Assert.Matches(@" - 111122223333 \(Production [^)]*\.\.\.\) us-east-1 - alice$", alert.Subject);
        Assert.Contains($". 111122223333 ({Fifty}) us-east-1 ", alert.Sms, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenEvenAShortenedNameDoesNotFit_ShouldLeaveItOutAndKeepTheId()
    {
        var identity = Json.AssumedRole("A-role-name-as-long-as-IAM-allows-them-to-be-abcdefghijklmnopqrstuvwxyz", "a-session-name-of-sixty-four-characters-abcdefghijklmnopqrstuvw");

        var alert = Render(Fifty, identity);

        AssertWithinLimits(alert);
        Assert.Contains(" - 111122223333 ", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("111122223333", alert.Sms, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[{prod}]|[{prod}]|[{prod}]|[{prod}]|[{prod}]|[{p}]~")]
    [InlineData("prod `main` ^ \\ eu")]
    public void Render_WhenTheNameIsFullOfGsmExtensionCharacters_ShouldStayInOneSmsPart(string name)
    {
        var alert = Render(name, Json.AssumedRole("OrganizationAccountAccessRole", "alice@example.com"));

        AssertWithinLimits(alert);
        Assert.DoesNotContain('`', alert.Sms);
        Assert.Contains(Account, alert.Sms, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenTheNameHoldsMarkup_ShouldShowItInChatNotObeyIt()
    {
        var alert = Render("ops](https://evil.example) <!here> <https://x|y>");

        AssertWithinLimits(alert);
        using var chat = JsonDocument.Parse(alert.ChatJson!);
        var description = chat.RootElement.GetProperty("content").GetProperty("description").GetString()!;
        var summary = chat.RootElement.GetProperty("metadata").GetProperty("summary").GetString()!;
        var name = chat.RootElement.GetProperty("metadata").GetProperty("additionalContext").GetProperty("accountName").GetString()!;
        foreach (var text in new[] { description, summary, name })
        {
            Assert.DoesNotContain("](", text, StringComparison.Ordinal);
            Assert.DoesNotContain('<', text);
            Assert.DoesNotContain('>', text);
        }

        Assert.Contains("ops] (https://evil.example)", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WhenTheNameIsNotAscii_ShouldKeepSubjectAndSmsPrintableAsciiAndTheEmailAsWritten()
    {
        var alert = Render("Produktion München \u202Eevil");

        AssertWithinLimits(alert);
        Assert.Contains("111122223333 (Produktion M?nchen evil)", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("111122223333 (Produktion München evil)", alert.EmailBody, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', alert.EmailBody);
    }

    [Fact]
    public async Task Pipeline_WithNames_ShouldKeepTheDedupKeyAndExemptByIdOnly()
    {
        var names = AccountNames.Parse($"{Account}=prod", "test");
        var exemptByName = """{"exemptions":[{"id":"by-name","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"prod"}}]}""";
        var exemptById = """{"exemptions":[{"id":"by-id","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{"accounts":"111122223333"}}]}""";

        async Task<Decision> Decide(string exemptions, IAccountNameSource? source) =>
            await new AlertPipeline(TestPolicy.Policy(exemptions, Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FakeTimeProvider(Now), accountNames: source)
                .ProcessAsync(Json.Event(StopLogging(Json.IamUser)));

        var named = await Decide("""{"exemptions":[]}""", names);
        var plain = await Decide("""{"exemptions":[]}""", null);

        Assert.Equal(Outcome.Alert, named.Outcome);
        Assert.Equal(plain.DedupKey, named.DedupKey);
        Assert.Equal(Account, named.Account);
        Assert.Contains("(prod)", named.Alert!.Subject, StringComparison.Ordinal);
        Assert.Equal(Outcome.Exempted, (await Decide(exemptById, names)).Outcome);
        Assert.Equal(Outcome.Alert, (await Decide(exemptByName, names)).Outcome);
    }

    [Fact]
    public void Render_WhenAnOrganizationNameTriesToCloseItsParentheses_ShouldNotReadAsTheRegionAndActor()
    {
        var name = AccountNames.From([new(Account, "prod) eu-west-1 - root (x")]).NameOf(Account);

        var alert = Render(name);

        AssertWithinLimits(alert);
        Assert.StartsWith("High: CloudTrail logging stopped: main - 111122223333 (prod] eu-west-1 - root [x) us-east-1 - alice", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("111122223333 (prod] eu-west-1 - root [x)  Region: us-east-1", alert.EmailBody, StringComparison.Ordinal);
    }
}
