using System.Text;
using System.Text.Json.Nodes;
using Amazon.CDK;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Tests.Support;
using GuardAlerts.Testing.Routing;
using Xunit.Abstractions;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// Tampering with a region's alerting reaches that region's people: a CloudTrail event for each change an attacker
/// would make to the deployed resources (named the ways the APIs accept: name or ARN) is put on the bus of the region
/// where AWS delivers it (IAM: us-east-1 only) and followed through the rules, cross-region forwarding included,
/// to the topics and through the subscriptions' filter policies (EventBridge-to-SNS messages carry no attributes).
/// </summary>
[Collection(CdkSynthCollection.Name)]
public sealed class SelfProtectionRoutingTests(CdkSynthFixture synth, InProcessStacksFixture inProcess, ITestOutputHelper output)
{
    // Where AWS delivers the CloudTrail events of IAM, a global service.
    private const string GlobalServiceRegion = "us-east-1";

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void EveryTamperingEvent_ShouldReachEveryEmailAndSmsOfItsRegion(string region)
    {
        var buses = SynthesizedStacks.Buses(synth);
        AssertEveryTamperingEventReachesEveryone(buses, SynthesizedStacks.MainStack(buses, region));
    }

    /// <summary>
    /// A region with a long name is where generated names were shortened (the companion stack
    /// "GuardAlerts-ap-southeast-2-GlobalEvents" left no room for its role's name): every tampering event, and every
    /// change to a rule that delivers self-protection, must still reach everyone there.
    /// </summary>
    [Fact]
    public void SelfProtection_InARegionWithALongName_ShouldReportEveryChange()
    {
        var outdir = Path.Combine(Path.GetTempPath(), "guardalerts-cdk-long-" + Guid.NewGuid().ToString("N"));
        try
        {
            var app = new App(new AppProps
            {
                Outdir = outdir,
                Context = new Dictionary<string, object> { ["alertEmails"] = CdkSynthFixture.Emails[0], ["alertPhones"] = CdkSynthFixture.Phone, ["regions"] = "ap-southeast-2" },
            });
            GuardAlertsApp.AddStacks(app, DeploymentSettings.FromContext(app.Node.TryGetContext), RiskTables.Repo(), inProcess.Package, DeployedStack.Account, null);
            var assembly = app.Synth();
            var buses = new EventBuses(assembly.Stacks
                .Select(a => new DeployedStack(a.StackName, a.Environment.Region, JsonNode.Parse(File.ReadAllText(Path.Combine(assembly.Directory, a.TemplateFile)))!))
                .ToList());
            var stack = SynthesizedStacks.MainStack(buses, "ap-southeast-2");
            foreach (var s in buses.Stacks)
            {
                foreach (var (type, property) in new[] { ("AWS::Events::Rule", "Name"), ("AWS::IAM::Role", "RoleName") })
                {
                    Assert.All(s.Resources(type), r => Assert.InRange(((string?)r.Properties[property])?.Length ?? int.MaxValue, 1, 64));
                }
            }

            AssertEveryTamperingEventReachesEveryone(buses, stack);
            AssertEveryChangeToASelfProtectionRuleIsReported(buses, stack);
        }
        finally
        {
            if (Directory.Exists(outdir))
            {
                Directory.Delete(outdir, recursive: true);
            }
        }
    }

    private void AssertEveryTamperingEventReachesEveryone(EventBuses buses, DeployedStack stack)
    {
        var region = stack.Region;
        var everyone = new SortedSet<string>(Recipients.Everyone(stack, "email").Concat(Recipients.Everyone(stack, "sms")), StringComparer.Ordinal);
        Assert.NotEmpty(everyone);
        var failures = new StringBuilder();
        var count = 0;
        var companions = buses.Stacks.Where(c => c != stack && c.Resources("AWS::Events::Rule").Any(r =>
            r.Properties["Targets"]!.AsArray().Any(t => c.ResolveText(t!["Arn"]) == $"arn:aws:events:{region}:{DeployedStack.Account}:event-bus/default"))).ToList();
        Assert.Equal(region == GlobalServiceRegion ? 0 : 1, companions.Count);
        foreach (var (what, e, arrival) in TamperingEvents(stack, companions))
        {
            count++;
            var reached = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var d in buses.Put(e, arrival).Where(d => d.Stack == stack && d.TargetArn.StartsWith("arn:aws:sns:", StringComparison.Ordinal)))
            {
                var body = d.Input is JsonValue v && v.TryGetValue<string>(out var text) ? text : d.Input.ToJsonString();
                reached.UnionWith(Recipients.Of(stack, d.TargetArn, new Dictionary<string, SnsMessageAttribute>(), body));
            }

            if (!reached.SetEquals(everyone))
            {
                failures.AppendLine($"{region}: {what} (delivered in {arrival}) reached {MessageDeliveryTests.Show(reached)}, expected {MessageDeliveryTests.Show(everyone)}");
            }
        }

        output.WriteLine($"{region}: {count - failures.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} of {count} tampering events reached everyone");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// A rule cannot report a change to itself. CloudTrail records a call once it has succeeded, so when EventBridge
    /// matches the event the rule has already been disabled, given another pattern (PutRule replaces the whole rule)
    /// or other targets: another rule must deliver the message. A rule that sends self-protection messages (or
    /// forwards the events they come from) is modelled here as it is after the call: no longer delivering anything.
    /// </summary>
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void ChangingARuleThatDeliversSelfProtection_ShouldBeReportedByAnotherRule(string region)
    {
        var buses = SynthesizedStacks.Buses(synth);
        AssertEveryChangeToASelfProtectionRuleIsReported(buses, SynthesizedStacks.MainStack(buses, region));
    }

    private void AssertEveryChangeToASelfProtectionRuleIsReported(EventBuses buses, DeployedStack stack)
    {
        var region = stack.Region;
        var everyone = new SortedSet<string>(Recipients.Everyone(stack, "email").Concat(Recipients.Everyone(stack, "sms")), StringComparer.Ordinal);
        var failures = new StringBuilder();
        var count = 0;
        foreach (var (owner, id) in RulesDeliveringSelfProtection(buses, stack))
        {
            var changed = new EventBuses(buses.Stacks.Select(s => s == owner ? Without(s, id) : s).ToList());
            var name = owner.Ref(id);
            foreach (var e in new[]
            {
                Call(owner, "events.amazonaws.com", "PutRule", new() { ["name"] = name, ["eventPattern"] = """{"source":["none"]}""", ["state"] = "ENABLED" }),
                Call(owner, "events.amazonaws.com", "PutTargets", new() { ["rule"] = name, ["targets"] = new JsonArray(new JsonObject { ["id"] = "Topic0", ["arn"] = $"arn:aws:sns:{owner.Region}:{DeployedStack.Account}:elsewhere" }) }),
                Call(owner, "events.amazonaws.com", "DisableRule", new() { ["name"] = name }),
            })
            {
                count++;
                var reached = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var d in changed.Put(e.Event, owner.Region).Where(d => d.Stack.StackName == stack.StackName && d.TargetArn.StartsWith("arn:aws:sns:", StringComparison.Ordinal)))
                {
                    var body = d.Input is JsonValue v && v.TryGetValue<string>(out var text) ? text : d.Input.ToJsonString();
                    reached.UnionWith(Recipients.Of(stack, d.TargetArn, new Dictionary<string, SnsMessageAttribute>(), body));
                }

                if (!reached.SetEquals(everyone))
                {
                    failures.AppendLine($"{region}: {e.What} on {owner.StackName}/{id}, once it took effect, reached {MessageDeliveryTests.Show(reached)}, expected {MessageDeliveryTests.Show(everyone)}");
                }
            }
        }

        Assert.True(count > 0, "no rule delivers self-protection messages");
        output.WriteLine($"{region}: {count} changes to the rules that deliver self-protection");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// SNS encrypts every message published to an encrypted topic with the topic's key, and Publish fails with
    /// KMSDisabled, KMSInvalidState (pending deletion) or KMSAccessDenied once that key is disabled, scheduled for
    /// deletion or its policy no longer admits the publisher (SNS Publish API errors). The message that reports such
    /// a change to the topics' key must therefore travel on topics that do not depend on that key; otherwise the one
    /// call that silences every alert, alarm and self-protection message is the one nobody hears about.
    /// </summary>
    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void ChangingTheTopicsKey_ShouldBeReportedOnTopicsThatDoNotDependOnIt(string region)
    {
        var buses = SynthesizedStacks.Buses(synth);
        var stack = SynthesizedStacks.MainStack(buses, region);
        var everyone = new SortedSet<string>(Recipients.Everyone(stack, "email").Concat(Recipients.Everyone(stack, "sms")), StringComparer.Ordinal);
        var failures = new StringBuilder();
        foreach (var (key, _) in stack.Resources("AWS::KMS::Key"))
        {
            var keyArn = stack.GetAtt(key, "Arn");
            foreach (var e in new[]
            {
                Call(stack, "kms.amazonaws.com", "DisableKey", new() { ["keyId"] = stack.Ref(key) }),
                Call(stack, "kms.amazonaws.com", "ScheduleKeyDeletion", new() { ["keyId"] = keyArn, ["pendingWindowInDays"] = 7 }),
                Call(stack, "kms.amazonaws.com", "PutKeyPolicy", new() { ["keyId"] = keyArn, ["policyName"] = "default" }),
            })
            {
                var reached = new SortedSet<string>(StringComparer.Ordinal);
                var silenced = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var d in buses.Put(e.Event, e.Arrival).Where(d => d.Stack == stack && d.TargetArn.StartsWith("arn:aws:sns:", StringComparison.Ordinal)))
                {
                    var topic = stack.Resources("AWS::SNS::Topic").Single(t => stack.Ref(t.Id) == d.TargetArn);
                    if (topic.Properties["KmsMasterKeyId"] is { } topicKey && stack.ResolveText(topicKey) is var k && (k == keyArn || k == stack.Ref(key)))
                    {
                        silenced.Add(topic.Id);
                        continue;
                    }

                    var body = d.Input is JsonValue v && v.TryGetValue<string>(out var text) ? text : d.Input.ToJsonString();
                    reached.UnionWith(Recipients.Of(stack, d.TargetArn, new Dictionary<string, SnsMessageAttribute>(), body));
                }

                if (!reached.SetEquals(everyone))
                {
                    failures.AppendLine($"{region}: {e.What} reached {MessageDeliveryTests.Show(reached)}, expected {MessageDeliveryTests.Show(everyone)}"
                        + (silenced.Count > 0 ? $"; its message goes to {string.Join(", ", silenced)}, encrypted with the very key it reports on" : ""));
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// The self-protection rules match the stack's rules and alarms, and the companion's rule and role, by the prefix
    /// "stack name-" their generated names start with. CloudFormation generates "stack-LogicalId-SUFFIX" and shortens
    /// it when it exceeds the service's limit; how is not documented, and names seen in the wild cut the stack name
    /// ("MyStackDev-MyNestedApplicatio-MyLambdaFunctionName-1U44TLUZ7OR55"), after which the prefix no longer
    /// matches and the change goes unreported. So every name matched by prefix must fit whole, with the shortest
    /// suffix CloudFormation uses (12 characters).
    /// </summary>
    [Fact]
    public void NamesMatchedByStackPrefix_ShouldFitWithoutCloudFormationShorteningThem()
    {
        const int Suffix = 12;
        var limits = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["AWS::Events::Rule"] = 64,
            ["AWS::IAM::Role"] = 64,
            ["AWS::CloudWatch::Alarm"] = 255,
        };
        var buses = SynthesizedStacks.Buses(synth);
        var prefixes = buses.Stacks.SelectMany(s => s.Resources("AWS::Events::Rule"))
            .Where(r => r.Properties["EventPattern"] is not null)
            .SelectMany(r => Prefixes(r.Properties["EventPattern"]!["detail"]))
            .ToHashSet(StringComparer.Ordinal);
        var failures = new StringBuilder();
        foreach (var stack in buses.Stacks.Where(s => prefixes.Contains(s.StackName + "-")))
        {
            foreach (var (type, limit) in limits)
            {
                foreach (var (id, _) in stack.Resources(type))
                {
                    var length = stack.StackName.Length + 1 + id.Length + 1 + Suffix;
                    if (length > limit)
                    {
                        failures.AppendLine($"{type} {stack.StackName}/{id}: its generated name is at least {length} characters, over the limit of {limit}: CloudFormation shortens it and the prefix \"{stack.StackName}-\" may no longer match");
                    }
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private static IEnumerable<string> Prefixes(JsonNode? node) => node switch
    {
        JsonObject o when o["prefix"] is JsonValue v && v.TryGetValue<string>(out var p) => [p],
        JsonObject o => o.SelectMany(p => Prefixes(p.Value)),
        JsonArray a => a.SelectMany(Prefixes),
        _ => [],
    };

    // The region's rules that send to its topics without going through a function, and the rules of other stacks
    // that forward events to its bus.
    private static IEnumerable<(DeployedStack Owner, string Id)> RulesDeliveringSelfProtection(EventBuses buses, DeployedStack stack)
    {
        var bus = $"arn:aws:events:{stack.Region}:{DeployedStack.Account}:event-bus/default";
        foreach (var owner in buses.Stacks)
        {
            foreach (var (id, rule) in owner.Resources("AWS::Events::Rule").Where(r => r.Properties["EventPattern"] is not null))
            {
                var targets = rule["Targets"]!.AsArray().Select(t => owner.ResolveText(t!["Arn"])).ToList();
                if ((owner == stack && targets.Any(t => t.StartsWith("arn:aws:sns:", StringComparison.Ordinal))) || (owner != stack && targets.Contains(bus)))
                {
                    yield return (owner, id);
                }
            }
        }
    }

    private static DeployedStack Without(DeployedStack stack, string logicalId)
    {
        var template = stack.Template.DeepClone();
        template["Resources"]!.AsObject().Remove(logicalId);
        return new DeployedStack(stack.StackName, stack.Region, template);
    }

    private static IEnumerable<(string What, JsonObject Event, string Arrival)> TamperingEvents(DeployedStack s, IReadOnlyList<DeployedStack> companions)
    {
        var r = s.Region;
        foreach (var (id, _) in s.Resources("AWS::Events::Rule"))
        {
            yield return Call(s, "events.amazonaws.com", "DisableRule", new() { ["name"] = s.Ref(id) });
            yield return Call(s, "events.amazonaws.com", "DeleteRule", new() { ["name"] = s.Ref(id) });
            yield return Call(s, "events.amazonaws.com", "PutRule", new() { ["name"] = s.Ref(id), ["eventPattern"] = """{"source":["none"]}""" });
            yield return Call(s, "events.amazonaws.com", "RemoveTargets", new() { ["rule"] = s.Ref(id), ["ids"] = new JsonArray("Target0") });
            yield return Call(s, "events.amazonaws.com", "PutTargets", new() { ["rule"] = s.Ref(id), ["targets"] = new JsonArray(new JsonObject { ["id"] = "Target0", ["arn"] = "arn:aws:sqs:" + r + ":" + DeployedStack.Account + ":elsewhere" }) });
        }

        foreach (var (id, _) in s.Resources("AWS::Lambda::Function").Where(f => f.Properties["Handler"] is not null))
        {
            var name = s.Ref(id);
            yield return Call(s, "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", new() { ["functionName"] = name });
            yield return Call(s, "lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", new() { ["functionName"] = name });
            yield return Call(s, "lambda.amazonaws.com", "DeleteFunction20150331", new() { ["functionName"] = s.GetAtt(id, "Arn") });
            // Reserved concurrency 0 stops the function without touching its code.
            yield return Call(s, "lambda.amazonaws.com", "PutFunctionConcurrency20171031", new() { ["functionName"] = name, ["reservedConcurrentExecutions"] = 0 });
            // The asynchronous-invoke settings hold the retries and the on-failure destination (the dead-letter queue).
            yield return Call(s, "lambda.amazonaws.com", "DeleteFunctionEventInvokeConfig", new() { ["functionName"] = name });
            yield return Call(s, "lambda.amazonaws.com", "PutFunctionEventInvokeConfig", new() { ["functionName"] = name + ":$LATEST", ["maximumRetryAttempts"] = 0 });
            yield return Call(s, "lambda.amazonaws.com", "UpdateFunctionEventInvokeConfig", new() { ["functionName"] = s.GetAtt(id, "Arn") + ":$LATEST" });
            yield return Call(s, "lambda.amazonaws.com", "RemovePermission20150331v2", new() { ["functionName"] = name, ["statementId"] = "x" });
        }

        foreach (var (id, _) in s.Resources("AWS::Logs::LogGroup"))
        {
            yield return Call(s, "logs.amazonaws.com", "DeleteLogGroup", new() { ["logGroupName"] = s.Ref(id) });
        }

        foreach (var (id, _) in s.Resources("AWS::SNS::Topic"))
        {
            yield return Call(s, "sns.amazonaws.com", "SetTopicAttributes", new() { ["topicArn"] = s.Ref(id), ["attributeName"] = "Policy" });
            yield return Call(s, "sns.amazonaws.com", "Unsubscribe", new() { ["subscriptionArn"] = s.Ref(id) + ":0f1e2d3c-0000-4000-8000-000000000000" });
            // A data-protection policy can deny publications that carry, say, an IP address.
            yield return Call(s, "sns.amazonaws.com", "PutDataProtectionPolicy", new() { ["resourceArn"] = s.Ref(id) });
        }

        // Account-wide SMS settings: a monthly spend limit of 0 silences every SMS.
        yield return Call(s, "sns.amazonaws.com", "SetSMSAttributes", new() { ["attributes"] = new JsonObject { ["MonthlySpendLimit"] = "0" } });
        yield return Call(s, "sms-voice.amazonaws.com", "PutOptedOutNumber", new() { ["optOutListName"] = "Default", ["optedOutNumber"] = "+15551234567" });

        foreach (var (id, _) in s.Resources("AWS::KMS::Key"))
        {
            yield return Call(s, "kms.amazonaws.com", "ScheduleKeyDeletion", new() { ["keyId"] = s.GetAtt(id, "Arn"), ["pendingWindowInDays"] = 7 });
            yield return Call(s, "kms.amazonaws.com", "PutKeyPolicy", new() { ["keyId"] = s.Ref(id), ["policyName"] = "default" });
        }

        foreach (var (id, _) in s.Resources("AWS::DynamoDB::Table"))
        {
            yield return Call(s, "dynamodb.amazonaws.com", "DeleteTable", new() { ["tableName"] = s.Ref(id) });
            // DynamoDB accepts the table's ARN wherever it takes its name.
            yield return Call(s, "dynamodb.amazonaws.com", "DeleteTable", new() { ["tableName"] = s.GetAtt(id, "Arn") });
            // The resource policy is what keeps other principals from pre-seeding the ledger.
            yield return Call(s, "dynamodb.amazonaws.com", "DeleteResourcePolicy", new() { ["resourceArn"] = s.GetAtt(id, "Arn") });
            yield return Call(s, "dynamodb.amazonaws.com", "PutResourcePolicy", new() { ["resourceArn"] = s.GetAtt(id, "Arn"), ["policy"] = "{}" });
        }

        foreach (var (id, _) in s.Resources("AWS::SQS::Queue"))
        {
            yield return Call(s, "sqs.amazonaws.com", "PurgeQueue", new() { ["queueUrl"] = s.Ref(id) });
            yield return Call(s, "sqs.amazonaws.com", "SetQueueAttributes", new() { ["queueUrl"] = s.Ref(id) });
        }

        foreach (var (id, _) in s.Resources("AWS::CloudWatch::Alarm"))
        {
            yield return Call(s, "monitoring.amazonaws.com", "DeleteAlarms", new() { ["alarmNames"] = new JsonArray(s.Ref(id)) });
            yield return Call(s, "monitoring.amazonaws.com", "DisableAlarmActions", new() { ["alarmNames"] = new JsonArray(s.Ref(id)) });
            yield return Call(s, "monitoring.amazonaws.com", "PutMetricAlarm", new() { ["alarmName"] = s.Ref(id) });
        }

        foreach (var (id, _) in s.Resources("AWS::CloudTrail::Trail"))
        {
            // CloudTrail takes the trail's name or ARN.
            yield return Call(s, "cloudtrail.amazonaws.com", "StopLogging", new() { ["name"] = s.Ref(id) });
            yield return Call(s, "cloudtrail.amazonaws.com", "DeleteTrail", new() { ["name"] = s.GetAtt(id, "Arn") });
            yield return Call(s, "cloudtrail.amazonaws.com", "PutEventSelectors", new() { ["trailName"] = s.Ref(id) });
        }

        foreach (var (id, _) in s.Resources("AWS::S3::Bucket"))
        {
            yield return Call(s, "s3.amazonaws.com", "PutBucketPolicy", new() { ["bucketName"] = s.Ref(id) });
            yield return Call(s, "s3.amazonaws.com", "DeleteBucket", new() { ["bucketName"] = s.Ref(id) });
        }

        // Every role of the stack (the functions' and redrive's), and of its us-east-1 companion.
        foreach (var (id, _) in s.Resources("AWS::IAM::Role"))
        {
            yield return InUsEast1(Call(s, "iam.amazonaws.com", "AttachRolePolicy", new() { ["roleName"] = s.Ref(id), ["policyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess" }));
            yield return InUsEast1(Call(s, "iam.amazonaws.com", "UpdateAssumeRolePolicy", new() { ["roleName"] = s.Ref(id) }));
        }

        foreach (var companion in companions)
        {
            foreach (var (id, _) in companion.Resources("AWS::IAM::Role"))
            {
                yield return InUsEast1(Call(companion, "iam.amazonaws.com", "PutRolePolicy", new() { ["roleName"] = companion.Ref(id), ["policyName"] = "x" }));
            }

            foreach (var (id, _) in companion.Resources("AWS::Events::Rule"))
            {
                yield return Call(companion, "events.amazonaws.com", "DisableRule", new() { ["name"] = companion.Ref(id) });
                yield return Call(companion, "events.amazonaws.com", "RemoveTargets", new() { ["rule"] = companion.Ref(id), ["ids"] = new JsonArray("Target0") });
            }
        }
    }

    private static (string What, JsonObject Event, string Arrival) InUsEast1((string What, JsonObject Event, string Arrival) e)
    {
        e.Event["region"] = GlobalServiceRegion;
        e.Event["detail"]!["awsRegion"] = GlobalServiceRegion;
        return e with { Arrival = GlobalServiceRegion };
    }

    private static (string What, JsonObject Event, string Arrival) Call(DeployedStack s, string eventSource, string eventName, JsonObject parameters) =>
        ($"{eventSource} {eventName} {parameters.ToJsonString()}", SampleRoutingTests.ApiCall(eventSource, eventName, readOnly: false, parameters, s.Region), s.Region);
}
