using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using GuardAlerts.Aws.Configuration;
using GuardAlerts.Aws.Ledger;
using GuardAlerts.Aws.Tests.Infrastructure;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Aws.Tests.Configuration;

/// <summary>
/// The composition path as the CLI and the Lambda use it: options from the environment, the default credential
/// chain, and the endpoint variables. Proves AWSSDK.Core honours AWS_ENDPOINT_URL_DYNAMODB by itself.
/// </summary>
[Collection(EnvironmentCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AwsAdaptersEnvironmentTests : IAsyncLifetime
{
    private static readonly string[] Touched =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_PROFILE",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SNS", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "AWS_EC2_METADATA_DISABLED",
    ];

    private readonly Dictionary<string, string?> _saved = Touched.ToDictionary(n => n, Environment.GetEnvironmentVariable);
    private readonly DynaliteFixture _dynalite = new();

    public Task InitializeAsync() => _dynalite.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await _dynalite.DisposeAsync();
    }

    [Fact]
    public async Task Create_WhenServiceEndpointVariablesAreSet_ShouldReachDynamoDbAndSnsThere()
    {
        await using var sns = new CaptureServer();
        Set("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
        Set("AWS_SECRET_ACCESS_KEY", "secret-from-env");
        Set("AWS_SESSION_TOKEN", "token-from-env");
        Set("AWS_REGION", "eu-west-1");
        Set("AWS_EC2_METADATA_DISABLED", "true");
        Set("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
        Set("AWS_ENDPOINT_URL_DYNAMODB", _dynalite.ServiceUrl.ToString());
        Set("AWS_ENDPOINT_URL_SNS", sns.Endpoint.ToString());
        var options = AwsAdapterOptions.FromEnvironment(Environment.GetEnvironmentVariable, "env-ledger", TestAlerts.TopicArn);

        using var httpClient = new HttpClient();
        using var adapters = AwsAdapters.Create(options, httpClient, TimeProvider.System);
        var setup = await LedgerTable.CreateAsync(adapters.DynamoDb, options.TableName, TimeProvider.System, CancellationToken.None);
        var now = TimeProvider.System.GetUtcNow();
        var claim = await AlertFlow.RunAsync(adapters.Ledger, adapters.Publisher, new ClaimRequest("k", now, now.AddDays(1)), TestAlerts.Create());

        Assert.True(setup.Created);
        Assert.False(setup.TimeToLiveEnabled); // dynalite has no UpdateTimeToLive
        Assert.Equal(ClaimStatus.Won, claim.Status);
        Assert.Contains("Credential=AKIDFROMENV/", sns.Requests.Single().Header("authorization"), StringComparison.Ordinal);
        Assert.Equal("token-from-env", sns.Requests.Single().Header("x-amz-security-token"));
        var item = await adapters.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = options.TableName,
            Key = new() { ["pk"] = new AttributeValue { S = "k" } },
        });
        Assert.Equal("sent", item.Item["state"].S);
        Assert.Equal("msg-1", item.Item["messageId"].S);
    }

    [Fact]
    public async Task CreateAsync_WhenTableExists_ShouldSucceedWithoutCreating()
    {
        Set("AWS_ENDPOINT_URL_DYNAMODB", null);
        using var client = _dynalite.CreateClient();
        await LedgerTable.CreateAsync(client, "twice", TimeProvider.System, CancellationToken.None);

        var second = await LedgerTable.CreateAsync(client, "twice", TimeProvider.System, CancellationToken.None);

        Assert.False(second.Created);
        var described = await client.DescribeTableAsync("twice");
        Assert.Equal("pk", described.Table.KeySchema.Single().AttributeName);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, described.Table.BillingModeSummary?.BillingMode ?? BillingMode.PAY_PER_REQUEST);
    }

    private static void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
