using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using GuardAlerts.Aws.Organizations;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Aws.Tests.Members;
using GuardAlerts.Core.Members;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Aws.Tests.Organizations;

/// <summary>The Organizations client against a local listener that checks each request and answers as Organizations does (JSON 1.1).</summary>
[Collection(DynaliteCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrganizationsClientTests(DynaliteFixture dynalite)
{
    private static readonly BasicAWSCredentials Credentials = new("AKIDORG", "org-secret");

    private const string AccessDenied = """{"__type":"AccessDeniedException","Message":"You don't have permissions to access this resource."}""";

    private static OrganizationsClient Client(CaptureServer server, HttpClient http) =>
        new(http, server.Endpoint, Credentials, new FakeTimeProvider(MemberWatchContext.Start));

    private static string Describe(string management) =>
        "{\"Organization\":{\"Id\":\"o-a1b2c3d4e5\",\"MasterAccountId\":\"" + management + "\",\"FeatureSet\":\"ALL\"}}";

    private static string Page(string? next, params (string Id, string Name, string State)[] accounts) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["Accounts"] = accounts.Select(a => new Dictionary<string, string> { ["Id"] = a.Id, ["Name"] = a.Name, ["State"] = a.State, ["Status"] = a.State == "CLOSED" ? "SUSPENDED" : a.State }).ToList(),
            ["NextToken"] = next,
        });

    [Fact]
    public async Task ListAsync_WhenTheListHasPages_ShouldReadEveryPageKeepOnlyActiveAccountsAndSignEachRequest()
    {
        await using var server = new CaptureServer();
        using var http = new HttpClient();
        server.Enqueue(200, Describe("999900001111"));
        server.Enqueue(200, Page("token-1", ("444455556666", "Workloads", "ACTIVE"), ("555566667777", "Closed", "CLOSED")));
        server.Enqueue(200, Page("token-2"));
        server.Enqueue(200, Page(null, ("999900001111", "Management", "ACTIVE"), ("666677778888", "Suspended", "SUSPENDED")));

        var listing = await Client(server, http).ListAsync(CancellationToken.None);

        Assert.Equal("999900001111", listing.ManagementAccount);
        Assert.Equal(new Dictionary<string, string> { ["444455556666"] = "Workloads", ["999900001111"] = "Management" }, listing.Active);
        var requests = server.Requests;
        Assert.Equal(["AWSOrganizationsV20161128.DescribeOrganization", .. Enumerable.Repeat("AWSOrganizationsV20161128.ListAccounts", 3)],
            requests.Select(r => r.Header("X-Amz-Target")));
        Assert.Equal(["{}", "{}", """{"NextToken":"token-1"}""", """{"NextToken":"token-2"}"""], requests.Select(r => Encoding.UTF8.GetString(r.Body)));
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("application/x-amz-json-1.1", r.Header("Content-Type"));
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDORG/20261201/us-east-1/organizations/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=",
                r.Header("Authorization"), StringComparison.Ordinal);
            Assert.Equal("20261201T000000Z", r.Header("X-Amz-Date"));
        });
    }

    [Fact]
    public async Task ListAsync_WhenAccessIsDenied_ShouldThrowNamingTheCallAndTheError()
    {
        await using var server = new CaptureServer();
        using var http = new HttpClient();
        server.Enqueue(400, AccessDenied);

        var error = await Assert.ThrowsAsync<OrganizationsException>(() => Client(server, http).ListAsync(CancellationToken.None));

        Assert.Equal("AccessDeniedException", error.Code);
        Assert.Equal("Organizations DescribeOrganization failed: AccessDeniedException (HTTP 400): You don't have permissions to access this resource.", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task CheckAsync_WhenOrganizationsDeniesAccess_ShouldWatchTheRegistryAndSendOneNoticePerDay()
    {
        await using var server = new CaptureServer();
        using var http = new HttpClient();
        for (var i = 0; i < 4; i++)
        {
            server.Enqueue(400, AccessDenied);
        }

        using var context = await MemberWatchContext.CreateAsync(dynalite);
        var pager = new RecordingPublisher();
        var watch = context.Watch(pager, directory: Client(server, http));
        var member = new MemberId(MemberWatchContext.AccountA, "eu-west-1");
        await watch.RecordAsync(member, MemberWatchContext.Start, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(3));

        var first = await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromMinutes(15));
        var sameDay = await watch.CheckAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromDays(1));
        await watch.CheckAsync(CancellationToken.None);

        Assert.Contains("AccessDeniedException", first.ListError, StringComparison.Ordinal);
        Assert.Equal((1, 1), (first.Expected, first.Silent));
        Assert.NotNull(sameDay.ListError);
        Assert.Equal(
            [$"GuardAlerts: member {MemberWatchContext.AccountA} eu-west-1 silent for 3 h 0 min", "GuardAlerts: the expected member accounts could not be read",
                "GuardAlerts: the expected member accounts could not be read"],
            pager.Published.Select(p => p.Subject));
        Assert.Contains("AccessDeniedException (HTTP 400)", pager.Published[1].EmailBody, StringComparison.Ordinal);
    }
}
