using System.Text;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Functions.Tests;

/// <summary>The published bootstrap names accounts from its configuration and, in a central stack, from the ledger's directory item.</summary>
[Collection(FunctionCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AccountNamesBootstrapTests(PublishedBootstrap published)
{
    private static string Sample(string name) => FunctionHarness.Payloads(Path.Combine(RepoPaths.Events, "cloudtrail", name)).Single();

    private static string Subject(CapturedRequest request) =>
        Encoding.UTF8.GetString(request.Body).Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == "Subject")
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).Single();

    private async Task<(BootstrapProcess Process, RuntimeApiEmulator Runtime)> StartAsync(string table, CaptureServer sns, params (string Name, string Value)[] extra)
    {
        var runtime = new RuntimeApiEmulator();
        var environment = FunctionHarness.Environment(published, "cloudtrail", table, runtime, sns);
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        var process = BootstrapProcess.Start(published.Bootstrap, environment);
        await runtime.FirstNext.WaitAsync(TimeSpan.FromSeconds(30));
        return (process, runtime);
    }

    [Fact]
    public async Task Invoke_WhenTheOrganizationsDirectoryNamesTheAccount_ShouldPublishTheNameUnlessTheConfigurationNamesItOtherwise()
    {
        using var client = published.Dynalite.CreateClient();
        var table = await published.Dynalite.CreateTableAsync(client);
        await client.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new()
            {
                ["pk"] = new() { S = "org#directory" },
                ["names"] = new() { M = new() { ["111122223333"] = new() { S = "Production" } } },
                ["updatedAt"] = new() { N = "1764558000000" },
            },
        });
        await using var sns = new CaptureServer();

        var (organization, organizationRuntime) = await StartAsync(table, sns, ("GUARDALERTS_ORGANIZATION_NAMES", "true"));
        await using (organization)
        await using (organizationRuntime)
        {
            Assert.True((await organizationRuntime.InvokeAsync(Encoding.UTF8.GetBytes(Sample("StopLogging.json")))).Succeeded);
        }

        // The same event again must alert, not be a duplicate: only the directory stays.
        var ledger = await client.ScanAsync(new ScanRequest { TableName = table });
        foreach (var item in ledger.Items.Where(i => i["pk"].S != "org#directory"))
        {
            await client.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = new() { ["pk"] = item["pk"] } });
        }

        var (configured, configuredRuntime) = await StartAsync(table, sns, ("GUARDALERTS_ORGANIZATION_NAMES", "true"), ("GUARDALERTS_ACCOUNT_NAMES", "111122223333=prod"));
        await using (configured)
        await using (configuredRuntime)
        {
            Assert.True((await configuredRuntime.InvokeAsync(Encoding.UTF8.GetBytes(Sample("StopLogging.json")))).Succeeded);
        }

        Assert.Equal(2, sns.Requests.Count);
        // With "(Production)" the line is just over 99 characters: the name gives way first, not the actor or region.
        Assert.EndsWith(" - 111122223333 (Produc...) us-east-1 - alice.chen", Subject(sns.Requests[0]), StringComparison.Ordinal);
        Assert.Contains(" - 111122223333 (prod) ", Subject(sns.Requests[1]), StringComparison.Ordinal);
    }
}
