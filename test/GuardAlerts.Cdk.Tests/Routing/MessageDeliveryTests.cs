using System.Text;
using System.Text.Json.Nodes;
using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Core;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Reading;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Routing;
using Xunit.Abstractions;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// What each kind of message really reaches, read from the synthesized subscriptions with the documented SNS
/// filter-policy rules and the attributes each producer really sends: alerts carry the pipeline's attributes
/// (severity, kind, ...), the canary also "canary", CloudWatch alarms and EventBridge deliveries carry none.
/// The synth runs with two e-mail addresses, one phone and -c smsMinSeverity=Medium.
/// </summary>
[Collection(CdkSynthCollection.Name)]
public sealed class MessageDeliveryTests(CdkSynthFixture synth, InProcessStacksFixture inProcess, ITestOutputHelper output)
{
    private static readonly Dictionary<string, SnsMessageAttribute> NoAttributes = [];

    // Early warnings: the event is retried, nothing is lost yet. Every other alarm means alerts may not arrive.
    private static readonly HashSet<string> EarlyWarningMetrics = ["Errors", "Throttles"];

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public async Task Alerts_ShouldReachEveryEmailAndSmsAtOrAboveTheMinimum(string region)
    {
        var stack = SynthesizedStacks.MainStack(SynthesizedStacks.Buses(synth), region);
        var alert = (await SampleEvents.AllAsync()).First(s => s.Decision.Outcome == Outcome.Alert).Decision.Alert!;
        var emails = Recipients.Everyone(stack, "email");
        var phones = Recipients.Everyone(stack, "sms");
        Assert.Equal(CdkSynthFixture.Emails.Length, emails.Count);
        var failures = new StringBuilder();
        foreach (var severity in Enum.GetValues<Severity>())
        {
            var attributes = alert.Attributes.ToDictionary(a => a.Key, a => SnsMessageAttribute.String(a.Key == "severity" ? severity.Name() : a.Value));
            var expected = new SortedSet<string>(emails.Concat(severity >= Severity.Medium ? phones : []), StringComparer.Ordinal);
            foreach (var topic in FunctionTopics(stack))
            {
                var reached = Recipients.Of(stack, topic, attributes);
                output.WriteLine($"{region} alert {severity.Name()}: {Show(reached)}");
                if (!reached.SetEquals(expected))
                {
                    failures.AppendLine($"{region}: a {severity.Name()} alert reached {Show(reached)}, expected {Show(expected)}");
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public async Task Canary_ShouldReachNobody(string region)
    {
        var stack = SynthesizedStacks.MainStack(SynthesizedStacks.Buses(synth), region);
        var schedule = stack.Resources("AWS::Events::Rule").Single(r => r.Properties["ScheduleExpression"] is not null).Properties;
        foreach (var target in schedule["Targets"]!.AsArray())
        {
            // The scheduled event as EventBridge fills in the heartbeat's input transformer.
            var transformer = target!["InputTransformer"]!;
            var input = stack.ResolveText(transformer["InputTemplate"])
                .Replace("<id>", "\"5b6f0a1e-0000-4000-8000-000000000001\"", StringComparison.Ordinal)
                .Replace("<time>", "\"2026-01-01T00:00:00Z\"", StringComparison.Ordinal)
                .Replace("<account>", $"\"{DeployedStack.Account}\"", StringComparison.Ordinal)
                .Replace("<region>", $"\"{region}\"", StringComparison.Ordinal);
            var parsed = Assert.Single(EventReader.ParseValue(Encoding.UTF8.GetBytes(input), "canary", 1, 0)).Parsed!;
            var publisher = new RecordingPublisher();
            var policy = GuardAlerts.Core.Policy.PolicyLoader.LoadEmbedded(DateTimeOffset.UtcNow);
            var decision = await new AlertPipeline(policy, new InMemoryAlertLedger(), publisher, TimeProvider.System).ProcessAsync(parsed);
            Assert.Equal(Outcome.Alert, decision.Outcome);
            var attributes = Assert.Single(publisher.Published).Attributes.ToDictionary(a => a.Key, a => SnsMessageAttribute.String(a.Value));
            foreach (var topic in FunctionTopics(stack))
            {
                var reached = Recipients.Of(stack, topic, attributes);
                output.WriteLine($"{region} canary: {Show(reached)}");
                Assert.Empty(reached);
            }
        }
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void EveryAlarm_ShouldReachEveryEmailAndTheOutageAlarmsEverySms(string region)
    {
        var stack = SynthesizedStacks.MainStack(SynthesizedStacks.Buses(synth), region);
        var emails = Recipients.Everyone(stack, "email");
        var phones = Recipients.Everyone(stack, "sms");
        var failures = new StringBuilder();
        var alarms = stack.Resources("AWS::CloudWatch::Alarm").ToList();
        Assert.NotEmpty(alarms);
        foreach (var (id, alarm) in alarms)
        {
            // CloudWatch publishes alarm notifications without message attributes.
            var reached = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var action in alarm["AlarmActions"]?.AsArray() ?? [])
            {
                reached.UnionWith(Recipients.Of(stack, stack.ResolveText(action), NoAttributes, "{\"AlarmName\":\"x\",\"NewStateValue\":\"ALARM\"}"));
            }

            var metric = (string?)alarm["MetricName"] ?? "";
            var expected = new SortedSet<string>(emails.Concat(EarlyWarningMetrics.Contains(metric) ? [] : phones), StringComparer.Ordinal);
            output.WriteLine($"{region} alarm {id} ({metric}): {Show(reached)}");
            if (!reached.SetEquals(expected))
            {
                failures.AppendLine($"{region}: alarm {id} ({metric}) reached {Show(reached)}, expected {Show(expected)}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// A deployment with phones and no e-mail address (-c alertPhones=... alone) is accepted, and SMS takes only
    /// smsMinSeverity (Critical by default) and up, so the table's Medium and High alerts would reach nobody: the
    /// alert is published, filtered out for every subscription, and no alarm says so. Such a deployment must either
    /// be refused with the reason, or deliver every severity the table alerts on to someone.
    /// </summary>
    [Fact]
    public async Task Alerts_WhenOnlyPhonesAreSubscribed_ShouldReachSomeoneAtEverySeverityTheTableAlertsOn()
    {
        var outdir = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-phones-" + Guid.NewGuid().ToString("N"));
        try
        {
            var app = new App(new AppProps
            {
                Outdir = outdir,
                Context = new Dictionary<string, object> { ["alertPhones"] = CdkSynthFixture.Phone },
            });
            DeploymentSettings settings;
            try
            {
                settings = DeploymentSettings.FromContext(app.Node.TryGetContext);
            }
            catch (DeploymentSettingsException refused)
            {
                // Refusing it, with the reason, loses nothing.
                output.WriteLine("refused: " + refused.Message);
                return;
            }

            var table = RiskTables.Repo();
            var built = Assert.Single(GuardAlertsApp.AddStacks(app, settings, table, inProcess.Package, null, null));
            var assembly = app.Synth();
            var stack = new DeployedStack(built.StackName, "eu-west-1",
                JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(assembly.Directory, built.TemplateFile)))!);
            var alert = (await SampleEvents.AllAsync()).First(s => s.Decision.Outcome == Outcome.Alert).Decision.Alert!;
            var failures = new StringBuilder();
            foreach (var severity in Enum.GetValues<Severity>().Where(s => s >= table.MinimumSeverity))
            {
                var attributes = alert.Attributes.ToDictionary(a => a.Key, a => SnsMessageAttribute.String(a.Key == "severity" ? severity.Name() : a.Value));
                foreach (var topic in FunctionTopics(stack))
                {
                    var reached = Recipients.Of(stack, topic, attributes);
                    output.WriteLine($"phones only, alert {severity.Name()}: {Show(reached)}");
                    if (reached.Count == 0)
                    {
                        failures.AppendLine($"a {severity.Name()} alert reached nobody (e-mail: none subscribed; SMS: {settings.SmsMinSeverity.Name()} and up only)");
                    }
                }
            }

            Assert.True(failures.Length == 0, failures.ToString());
        }
        finally
        {
            if (Directory.Exists(outdir))
            {
                Directory.Delete(outdir, recursive: true);
            }
        }
    }

    private static IEnumerable<string> FunctionTopics(DeployedStack stack) =>
        stack.Resources("AWS::Lambda::Function").Where(f => f.Properties["Handler"] is not null)
            .Select(f => stack.ResolveText(f.Properties["Environment"]!["Variables"]!["GUARDALERTS_TOPIC_ARN"]))
            .Distinct();

    internal static string Show(IEnumerable<string> recipients) => recipients.Any() ? string.Join(", ", recipients) : "nobody";
}
