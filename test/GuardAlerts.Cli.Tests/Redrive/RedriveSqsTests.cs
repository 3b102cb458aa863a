using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using GuardAlerts.Cli.Tests.Faults;
using GuardAlerts.Cli.Tests.Support;
using GuardAlerts.Testing.Servers;
using Xunit.Abstractions;

namespace GuardAlerts.Cli.Tests.Redrive;

/// <summary>
/// guard-alerts redrive end to end: fauxqs (an SQS emulator speaking the SDK's JSON protocol) as the dead-letter
/// queue, dynalite as the ledger, the capture server as SNS, all reached through the AWS endpoint variables.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RedriveSqsTests : IClassFixture<DynaliteFixture>, IAsyncLifetime
{
    private readonly CaptureServer _sns = new();
    private readonly FaultRig _rig;
    private readonly ITestOutputHelper _output;
    private NodeServer _sqsServer = null!;
    private AmazonSQSClient _sqs = null!;
    private string _queueUrl = null!;

    public RedriveSqsTests(DynaliteFixture dynalite, ITestOutputHelper output)
    {
        _rig = new FaultRig(dynalite.ServiceUrl, _sns);
        _output = output;
    }

    public async Task InitializeAsync()
    {
        _sqsServer = await NodeServer.StartAsync("fauxqs-server.js");
        _sqs = new AmazonSQSClient(new BasicAWSCredentials("AKIDLOCAL", "local-secret"), new AmazonSQSConfig { ServiceURL = _sqsServer.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" });
        _queueUrl = (await _sqs.CreateQueueAsync("dead-letters-" + Guid.NewGuid().ToString("n")[..8])).QueueUrl;
        await _rig.CreateTableAsync();
    }

    public async Task DisposeAsync()
    {
        _sqs.Dispose();
        await _sqsServer.DisposeAsync();
        await _sns.DisposeAsync();
    }

    private Dictionary<string, string> Environment
    {
        get
        {
            var environment = _rig.Environment;
            environment["AWS_ENDPOINT_URL_SQS"] = _sqsServer.ServiceUrl.ToString();
            return environment;
        }
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RedriveAsync(params string[] extra) =>
        CliProcess.RunAsync(Environment, ["redrive", "--queue-url", _queueUrl, "--table", _rig.Table, "--topic-arn", FaultRig.Topic, .. extra]);

    private async Task SendAsync(string body, Dictionary<string, string>? attributes = null) =>
        await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = _queueUrl,
            MessageBody = body,
            MessageAttributes = attributes?.ToDictionary(a => a.Key, a => new MessageAttributeValue { DataType = "String", StringValue = a.Value }),
        });

    private async Task<int> MessagesInQueueAsync()
    {
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = _queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        });
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    [Fact]
    public async Task Redrive_WhenQueueHoldsBothFormatsAndAGarbageMessage_ShouldPublishEachAlertOnceAndKeepOnlyTheGarbage()
    {
        var guardDuty = DeadLetters.Event(DeadLetters.GuardDutySample);
        await SendAsync(DeadLetters.InvocationRecord(guardDuty));
        await SendAsync(DeadLetters.Event(DeadLetters.CloudTrailSample), DeadLetters.EventBridgeAttributes());
        await SendAsync(DeadLetters.InvocationRecord(guardDuty));
        await SendAsync("{\"truncated\":");

        var dryRun = await RedriveAsync("--dry-run");
        var first = await RedriveAsync();
        var second = await RedriveAsync();

        _output.WriteLine(dryRun.Stdout);
        _output.WriteLine(first.Stdout);
        _output.WriteLine(second.Stdout);
        Assert.True(dryRun.ExitCode == 0, dryRun.Stderr);
        Assert.Contains("4 messages shown", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("RetriesExhausted", dryRun.Stdout, StringComparison.Ordinal);
        Assert.Contains("SDK_CLIENT_ERROR", dryRun.Stdout, StringComparison.Ordinal);
        Assert.True(first.ExitCode == 1, first.Stderr);
        Assert.Contains("4 received, 3 redriven and deleted, 1 failed", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("1 received, 0 redriven and deleted, 1 failed", second.Stdout, StringComparison.Ordinal);
        // Two distinct alerts (the GuardDuty event came twice), each published once; the garbage stays queued.
        Assert.Equal(2, _sns.Requests.Count);
        Assert.Equal(1, await MessagesInQueueAsync());
    }

    [Fact]
    public async Task Redrive_WhenSnsIsDown_ShouldKeepTheMessageAndARedriveAfterwardsShouldPublishItOnce()
    {
        await SendAsync(DeadLetters.InvocationRecord(DeadLetters.Event(DeadLetters.GuardDutySample)));
        for (var i = 0; i < 4; i++)
        {
            _sns.Enqueue(503, CaptureServer.Error("Receiver", "ServiceUnavailable", "down"));
        }

        var down = await RedriveAsync();
        var afterwards = await RedriveAsync();

        _output.WriteLine(down.Stdout);
        _output.WriteLine(afterwards.Stdout);
        Assert.Equal(1, down.ExitCode);
        Assert.Contains("kept in the queue: not processed", down.Stdout, StringComparison.Ordinal);
        Assert.True(afterwards.ExitCode == 0, afterwards.Stderr);
        Assert.Equal(1, _sns.Requests.Count(r => r.Status == 200));
        Assert.Equal(0, await MessagesInQueueAsync());
    }

    [Fact]
    public async Task Redrive_WhenTableAndTopicAreMissing_ShouldExitWithUsageError()
    {
        var environment = Environment;
        var (exit, _, stderr) = await CliProcess.RunAsync(environment, "redrive", "--queue-url", _queueUrl);

        Assert.Equal(2, exit);
        Assert.Contains("GUARDALERTS_TABLE", stderr, StringComparison.Ordinal);
    }
}
