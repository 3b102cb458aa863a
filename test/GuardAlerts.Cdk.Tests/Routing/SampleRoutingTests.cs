using System.Text;
using System.Text.Json.Nodes;
using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Patterns;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Reading;
using GuardAlerts.Testing;
using GuardAlerts.Testing.Routing;
using Xunit.Abstractions;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// The rules the stack really generates, read by the documented EventBridge matcher: every sample event that the
/// engine alerts on (or exempts), and every event a threshold rule counts (the synth deploys them all:
/// countReadOnlyCalls=true), must reach the right function exactly once, in every region's stack.
/// </summary>
[Collection(CdkSynthCollection.Name)]
public sealed class SampleRoutingTests(CdkSynthFixture synth, InProcessStacksFixture inProcess, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryAlertingSample_ShouldReachItsFunctionExactlyOnceInEveryRegion()
    {
        var buses = SynthesizedStacks.Buses(synth);
        var samples = await SampleEvents.AllAsync();
        var alerting = samples.Where(s => s.MustBeDelivered).ToList();
        Assert.True(alerting.Count >= 100, $"only {alerting.Count} alerting samples");
        var failures = new StringBuilder();
        foreach (var region in CdkSynthFixture.Regions)
        {
            var main = SynthesizedStacks.MainStack(buses, region);
            var handlers = main.Resources("AWS::Lambda::Function").Where(f => f.Properties["Handler"] is not null)
                .ToDictionary(f => f.Id, f => (string)f.Properties["Handler"]!);
            var delivered = 0;
            foreach (var sample in alerting)
            {
                var reached = buses.Put(sample.Event, region)
                    .Where(d => d.Stack == main && d.TargetId is { } t && handlers.ContainsKey(t))
                    .Select(d => handlers[d.TargetId!])
                    .ToList();
                if (reached.Count == 1 && reached[0] == sample.Handler)
                {
                    delivered++;
                }
                else
                {
                    failures.AppendLine($"{region}: {sample.Source} ({sample.Decision.Outcome} {sample.Decision.RuleId}) reached [{string.Join(", ", reached)}], expected the {sample.Handler} function once");
                }
            }

            output.WriteLine($"{region}: {delivered} of {alerting.Count} alerting or exempted samples delivered to their function ({samples.Count} samples read)");
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void ReadOnlyCall_ShouldReachTheFunctionOnlyThroughARuleThatReceivesAllManagementEvents()
    {
        // The in-process stack whose table has a read-only rule (s3 ListBuckets).
        var stack = new DeployedStack("GuardAlertsReadOnly", "us-east-1", inProcess.ReadOnlyJson);
        var buses = new EventBuses([stack]);
        var listBuckets = ApiCall("s3.amazonaws.com", "ListBuckets", readOnly: true);
        var cloudTrail = stack.Resources("AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == "cloudtrail").Id;

        var reached = buses.Put(listBuckets, "us-east-1").Where(d => d.TargetId == cloudTrail).ToList();

        var delivery = Assert.Single(reached);
        Assert.Equal(EventBuses.AllManagementEvents, (string?)stack.Resources("AWS::Events::Rule").Single(r => r.Id == delivery.RuleId).Properties["State"]);
        // The same call as a write is delivered by the default state too: the state is what lets the read through.
        Assert.Single(buses.Put(ApiCall("s3.amazonaws.com", "ListBuckets", readOnly: false), "us-east-1"), d => d.TargetId == cloudTrail);
    }

    /// <summary>
    /// STS records AssumeRoleWithSAML with "readOnly": true (a real record: "eventName": "AssumeRoleWithSAML", ...,
    /// "readOnly": true, "eventType": "AwsApiCall"), and the EventBridge guide's own example of a read-only management
    /// event is STS AssumeRole (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html):
    /// only a rule in the ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS state receives it. The provider-engineer rule
    /// alerts on it; the event must reach the CloudTrail function as AWS sends it, in the region of the STS endpoint.
    /// </summary>
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public async Task AssumeRoleWithSaml_AsCloudTrailRecordsIt_ShouldReachTheCloudTrailFunction(string region)
    {
        var buses = SynthesizedStacks.Buses(synth);
        var main = SynthesizedStacks.MainStack(buses, region);
        var cloudTrail = main.Resources("AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == "cloudtrail").Id;
        var assumed = ApiCall("sts.amazonaws.com", "AssumeRoleWithSAML", readOnly: true, new JsonObject
        {
            ["roleArn"] = $"arn:aws:iam::{DeployedStack.Account}:role/staxid-admin-role",
            ["principalArn"] = $"arn:aws:iam::{DeployedStack.Account}:saml-provider/staxid",
            ["roleSessionName"] = "0f1e2d3c-0000-4000-8000-000000000000",
        }, region);
        var parsed = Assert.Single(EventReader.ParseValue(Encoding.UTF8.GetBytes(assumed.ToJsonString()), "AssumeRoleWithSAML", 1, 0)).Parsed!;
        var policy = PolicyLoader.LoadEmbedded(DateTimeOffset.UtcNow);
        var decision = await new AlertPipeline(policy, new InMemoryAlertLedger(), new RecordingPublisher(), TimeProvider.System).ProcessAsync(parsed);
        Assert.Equal(Outcome.Alert, decision.Outcome);

        var reached = buses.Put(assumed, region).Where(d => d.Stack == main && d.TargetId == cloudTrail).ToList();

        Assert.True(reached.Count == 1, $"{region}: the {decision.RuleId} alert's event (readOnly: true) reached the CloudTrail function {reached.Count} times; "
            + $"rules that could match it: {string.Join(", ", main.Resources("AWS::Events::Rule").Where(r => r.Properties["EventPattern"] is { } p && EventPatternMatcher.Matches(main.Resolve(p)!, assumed)).Select(r => $"{r.Id} ({(string?)r.Properties["State"] ?? "ENABLED"})"))}");
    }

    /// <summary>
    /// A refused call is counted by the refused-call burst rule whatever its name. The names only a threshold rule
    /// covers are delivered narrowed by that rule's 'when' (GetParameter only with decryption, DescribeInstanceAttribute
    /// only for userData); a refused call of such a name outside the filter (an enumeration tool reading a parameter
    /// without decryption, or an instance's type) must still reach the function once, or the burst stays uncounted.
    /// </summary>
    [Theory]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/app/db-host"}""", "AccessDeniedException")]
    [InlineData("ssm.amazonaws.com", "GetParameters", """{"names":["/app/a","/app/b"],"withDecryption":false}""", "AccessDeniedException")]
    [InlineData("ec2.amazonaws.com", "DescribeInstanceAttribute", """{"instanceId":"i-0123456789abcdef0","attribute":"instanceType"}""", "Client.UnauthorizedOperation")]
    [InlineData("ssm.amazonaws.com", "GetParameter", """{"name":"/app/db-password","withDecryption":true}""", "AccessDeniedException")]
    public async Task RefusedCallOfANarrowedName_ShouldReachTheCloudTrailFunctionOnce(string eventSource, string eventName, string parameters, string errorCode)
    {
        const string Region = "eu-west-1";
        var buses = SynthesizedStacks.Buses(synth);
        var main = SynthesizedStacks.MainStack(buses, Region);
        var cloudTrail = main.Resources("AWS::Lambda::Function").Single(f => (string?)f.Properties["Handler"] == "cloudtrail").Id;
        var refused = ApiCall(eventSource, eventName, readOnly: true, JsonNode.Parse(parameters)!.AsObject(), Region);
        refused["detail"]!["errorCode"] = errorCode;
        refused["detail"]!["errorMessage"] = "User: arn:aws:iam::" + DeployedStack.Account + ":user/mallory is not authorized to perform this operation";
        var parsed = Assert.Single(EventReader.ParseValue(Encoding.UTF8.GetBytes(refused.ToJsonString()), eventName, 1, 0)).Parsed!;
        var decision = await new AlertPipeline(PolicyLoader.LoadEmbedded(DateTimeOffset.UtcNow), new InMemoryAlertLedger(), new RecordingPublisher(), TimeProvider.System).ProcessAsync(parsed);
        Assert.Contains(decision.Thresholds, t => t.RuleId == "threshold-access-denied-burst");

        var reached = buses.Put(refused, Region).Where(d => d.Stack == main && d.TargetId == cloudTrail).ToList();

        Assert.True(reached.Count == 1, $"a refused {eventName} {parameters} ({errorCode}), counted by threshold-access-denied-burst, reached the CloudTrail function {reached.Count} times");
    }

    /// <summary>
    /// IAM is a global service: CloudTrail delivers its events to EventBridge in us-east-1 only
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html). A deployment whose regions
    /// leave out us-east-1 (-c regions=eu-west-1) is accepted, and its us-east-1 companion forwards only changes to
    /// the stack's own roles, so the table's IAM alerts (a new user, a new access key, an admin policy attached) reach
    /// no function at all. Such a deployment must either be refused with the reason, or deliver them.
    /// </summary>
    [Fact]
    public async Task IamEvent_WhenNoRegionIsUsEast1_ShouldReachACloudTrailFunction()
    {
        var outdir = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-regions-" + Guid.NewGuid().ToString("N"));
        try
        {
            var app = new App(new AppProps
            {
                Outdir = outdir,
                Context = new Dictionary<string, object> { ["alertEmails"] = CdkSynthFixture.Emails[0], ["regions"] = "eu-west-1" },
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

            GuardAlertsApp.AddStacks(app, settings, RiskTables.Repo(), inProcess.Package, DeployedStack.Account, null);
            var assembly = app.Synth();
            var buses = new EventBuses(assembly.Stacks
                .Select(a => new DeployedStack(a.StackName, a.Environment.Region, JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, a.TemplateFile)))!))
                .ToList());
            var createUser = ApiCall("iam.amazonaws.com", "CreateUser", readOnly: false, new JsonObject { ["userName"] = "backdoor" }, "us-east-1");
            var parsed = Assert.Single(EventReader.ParseValue(Encoding.UTF8.GetBytes(createUser.ToJsonString()), "CreateUser", 1, 0)).Parsed!;
            var decision = await new AlertPipeline(PolicyLoader.LoadEmbedded(DateTimeOffset.UtcNow), new InMemoryAlertLedger(), new RecordingPublisher(), TimeProvider.System).ProcessAsync(parsed);
            Assert.Equal(Outcome.Alert, decision.Outcome);

            var reached = buses.Put(createUser, "us-east-1")
                .Where(d => d.TargetId is { } t && d.Stack.TypeOf(t) == "AWS::Lambda::Function")
                .ToList();

            Assert.True(reached.Count > 0, $"the {decision.RuleId} alert's event, delivered by AWS in us-east-1, reached no function of the stacks "
                + string.Join(", ", buses.Stacks.Select(s => $"{s.StackName} ({s.Region})")));
        }
        finally
        {
            if (Directory.Exists(outdir))
            {
                Directory.Delete(outdir, recursive: true);
            }
        }
    }

    /// <summary>
    /// The global services' events reach EventBridge in us-east-1 only. Each alerting sample of them, put on the
    /// us-east-1 bus, must reach exactly one function of the whole deployment: the us-east-1 stack's when there is one
    /// (its companions forward none, so nothing is alerted twice), else the first region's, through its companion.
    /// </summary>
    [Theory]
    [InlineData("us-east-1,eu-west-1", "us-east-1")]
    [InlineData("eu-west-1", "eu-west-1")]
    [InlineData("eu-west-1,eu-central-1", "eu-west-1")]
    public async Task GlobalServiceSample_ShouldReachExactlyOneFunctionOfTheDeployment(string regions, string expectedRegion)
    {
        var outdir = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-global-" + Guid.NewGuid().ToString("N"));
        try
        {
            var app = new App(new AppProps
            {
                Outdir = outdir,
                // Every threshold rule deployed: the events they count must arrive once too (refused IAM calls included).
                Context = new Dictionary<string, object> { ["alertEmails"] = CdkSynthFixture.Emails[0], ["regions"] = regions, ["countReadOnlyCalls"] = "true" },
            });
            GuardAlertsApp.AddStacks(app, DeploymentSettings.FromContext(app.Node.TryGetContext), RiskTables.Repo(), inProcess.Package, DeployedStack.Account, null);
            var assembly = app.Synth();
            var buses = new EventBuses(assembly.Stacks
                .Select(a => new DeployedStack(a.StackName, a.Environment.Region, JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, a.TemplateFile)))!))
                .ToList());
            var global = (await SampleEvents.AllAsync())
                .Where(e => e.MustBeDelivered && CloudTrailPatterns.GlobalEventSources.Contains((string?)e.Event["detail"]?["eventSource"] ?? ""))
                .ToList();
            Assert.Contains(global, e => (string?)e.Event["detail"]!["eventSource"] == "iam.amazonaws.com");
            var failures = new StringBuilder();
            foreach (var sample in global)
            {
                var e = sample.Event.DeepClone().AsObject();
                e["region"] = GlobalEventsStack.HomeRegion;
                var reached = buses.Put(e, GlobalEventsStack.HomeRegion)
                    .Where(d => d.TargetId is { } t && d.Stack.TypeOf(t) == "AWS::Lambda::Function")
                    .Select(d => $"{d.Stack.Region}:{(string)d.Stack.Resources("AWS::Lambda::Function").Single(f => f.Id == d.TargetId).Properties["Handler"]!}")
                    .ToList();
                if (reached.Count != 1 || reached[0] != $"{expectedRegion}:{sample.Handler}")
                {
                    failures.AppendLine($"{sample.Source} ({sample.Decision.RuleId}) reached [{string.Join(", ", reached)}], expected {expectedRegion}:{sample.Handler} once");
                }
            }

            output.WriteLine($"regions={regions}: {global.Count - failures.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} of {global.Count} global-service samples reached {expectedRegion} once");
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

    internal static JsonObject ApiCall(string eventSource, string eventName, bool readOnly, JsonObject? requestParameters = null, string region = "us-east-1") => new()
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "AWS API Call via CloudTrail",
        ["source"] = "aws." + eventSource.Split('.')[0],
        ["account"] = DeployedStack.Account,
        ["time"] = "2026-01-01T00:00:00Z",
        ["region"] = region,
        ["resources"] = new JsonArray(),
        ["detail"] = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = new JsonObject { ["type"] = "IAMUser", ["arn"] = $"arn:aws:iam::{DeployedStack.Account}:user/mallory", ["accountId"] = DeployedStack.Account },
            ["eventTime"] = "2026-01-01T00:00:00Z",
            ["eventSource"] = eventSource,
            ["eventName"] = eventName,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = "198.51.100.7",
            ["requestParameters"] = requestParameters ?? new JsonObject(),
            ["readOnly"] = readOnly,
            ["eventType"] = "AwsApiCall",
            ["eventID"] = Guid.NewGuid().ToString(),
            ["recipientAccountId"] = DeployedStack.Account,
        },
    };
}
