using System.Text;
using System.Text.Json;
using GuardAlerts.Testing.Servers;

namespace GuardAlerts.Functions.Tests;

/// <summary>One running function: the emulator it polls, the SNS capture server it publishes to, and its process.</summary>
public sealed class FunctionHarness : IAsyncDisposable
{
    public const string Topic = "arn:aws:sns:us-east-1:111122223333:guard-alerts";

    private readonly bool _ownsSns;

    private FunctionHarness(RuntimeApiEmulator runtime, CaptureServer sns, BootstrapProcess process, bool ownsSns)
    {
        _ownsSns = ownsSns;
        Runtime = runtime;
        Sns = sns;
        Process = process;
    }

    public RuntimeApiEmulator Runtime { get; }

    public CaptureServer Sns { get; }

    public BootstrapProcess Process { get; }

    public static Dictionary<string, string?> Environment(PublishedBootstrap published, string handler, string table, RuntimeApiEmulator runtime, CaptureServer sns) => new()
    {
        ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
        ["_HANDLER"] = handler,
        ["GUARDALERTS_TABLE"] = table,
        ["GUARDALERTS_TOPIC_ARN"] = Topic,
        ["GUARDALERTS_POLICY_DIR"] = published.PolicyDirectory,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDLOCAL",
        ["AWS_SECRET_ACCESS_KEY"] = "local-secret",
        ["AWS_SESSION_TOKEN"] = "local-session",
        ["AWS_ENDPOINT_URL_DYNAMODB"] = published.Dynalite.ServiceUrl.ToString(),
        ["AWS_ENDPOINT_URL_SNS"] = sns.Endpoint.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public const string ChatTopic = "arn:aws:sns:us-east-1:111122223333:guard-alerts-chat";

    /// <summary>
    /// Starts the bootstrap; <paramref name="policyDirectory"/> replaces the repository's policy files, and
    /// <paramref name="chat"/> sets GUARDALERTS_CHAT_TOPIC_ARN to <see cref="ChatTopic"/>.
    /// </summary>
    public static async Task<FunctionHarness> StartAsync(PublishedBootstrap published, string handler, string table, CaptureServer? sns = null, string? policyDirectory = null, bool chat = false)
    {
        var runtime = new RuntimeApiEmulator();
        var owns = sns is null;
        sns ??= new CaptureServer();
        var environment = Environment(published, handler, table, runtime, sns);
        environment["GUARDALERTS_POLICY_DIR"] = policyDirectory ?? published.PolicyDirectory;
        if (chat)
        {
            environment["GUARDALERTS_CHAT_TOPIC_ARN"] = ChatTopic;
        }
        var process = BootstrapProcess.Start(published.Bootstrap, environment);
        await runtime.FirstNext.WaitAsync(TimeSpan.FromSeconds(30));
        return new FunctionHarness(runtime, sns, process, owns);
    }

    public Task<InvocationResult> InvokeAsync(string json) => Runtime.InvokeAsync(Encoding.UTF8.GetBytes(json));

    /// <summary>The events of a sample file as EventBridge would deliver them, one payload each.</summary>
    public static IEnumerable<string> Payloads(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        if (document.RootElement.ValueKind == JsonValueKind.Array)
        {
            return document.RootElement.EnumerateArray().Select(e => e.GetRawText()).ToList();
        }

        return [document.RootElement.GetRawText()];
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        await Runtime.DisposeAsync();
        if (_ownsSns)
        {
            await Sns.DisposeAsync();
        }
    }
}
