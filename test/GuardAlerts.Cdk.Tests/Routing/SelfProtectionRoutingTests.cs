using System.Text;
using System.Text.Json.Nodes;
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
public sealed class SelfProtectionRoutingTests(CdkSynthFixture synth, ITestOutputHelper output)
{
    // Where AWS delivers the CloudTrail events of IAM, a global service.
    private const string GlobalServiceRegion = "us-east-1";

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-1")]
    public void EveryTamperingEvent_ShouldReachEveryEmailAndSmsOfItsRegion(string region)
    {
        var buses = SynthesizedStacks.Buses(synth);
        var stack = SynthesizedStacks.MainStack(buses, region);
        var everyone = new SortedSet<string>(Recipients.Everyone(stack, "email").Concat(Recipients.Everyone(stack, "sms")), StringComparer.Ordinal);
        Assert.NotEmpty(everyone);
        var failures = new StringBuilder();
        var count = 0;
        foreach (var (what, e, arrival) in TamperingEvents(stack))
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

    private static IEnumerable<(string What, JsonObject Event, string Arrival)> TamperingEvents(DeployedStack s)
    {
        var r = s.Region;
        foreach (var (id, _) in s.Resources("AWS::Events::Rule"))
        {
            yield return Call(s, "events.amazonaws.com", "DisableRule", new() { ["name"] = s.Ref(id) });
            yield return Call(s, "events.amazonaws.com", "RemoveTargets", new() { ["rule"] = s.Ref(id), ["ids"] = new JsonArray("Target0") });
        }

        foreach (var (id, _) in s.Resources("AWS::Lambda::Function").Where(f => f.Properties["Handler"] is not null))
        {
            yield return Call(s, "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", new() { ["functionName"] = s.Ref(id) });
            yield return Call(s, "lambda.amazonaws.com", "DeleteFunction20150331", new() { ["functionName"] = s.GetAtt(id, "Arn") });
        }

        foreach (var (id, _) in s.Resources("AWS::SNS::Topic"))
        {
            yield return Call(s, "sns.amazonaws.com", "SetTopicAttributes", new() { ["topicArn"] = s.Ref(id), ["attributeName"] = "Policy" });
            yield return Call(s, "sns.amazonaws.com", "Unsubscribe", new() { ["subscriptionArn"] = s.Ref(id) + ":0f1e2d3c-0000-4000-8000-000000000000" });
        }

        foreach (var (id, _) in s.Resources("AWS::KMS::Key"))
        {
            yield return Call(s, "kms.amazonaws.com", "ScheduleKeyDeletion", new() { ["keyId"] = s.GetAtt(id, "Arn"), ["pendingWindowInDays"] = 7 });
        }

        foreach (var (id, _) in s.Resources("AWS::DynamoDB::Table"))
        {
            yield return Call(s, "dynamodb.amazonaws.com", "DeleteTable", new() { ["tableName"] = s.Ref(id) });
            // DynamoDB accepts the table's ARN wherever it takes its name.
            yield return Call(s, "dynamodb.amazonaws.com", "DeleteTable", new() { ["tableName"] = s.GetAtt(id, "Arn") });
        }

        foreach (var (id, _) in s.Resources("AWS::SQS::Queue"))
        {
            yield return Call(s, "sqs.amazonaws.com", "PurgeQueue", new() { ["queueUrl"] = s.Ref(id) });
        }

        foreach (var (id, _) in s.Resources("AWS::CloudWatch::Alarm"))
        {
            yield return Call(s, "monitoring.amazonaws.com", "DeleteAlarms", new() { ["alarmNames"] = new JsonArray(s.Ref(id)) });
        }

        foreach (var (id, _) in s.Resources("AWS::IAM::Role").Where(role => s.Resources("AWS::Lambda::Function").Any(f => f.Properties["Role"]?.ToJsonString().Contains(role.Id, StringComparison.Ordinal) == true)))
        {
            var e = Call(s, "iam.amazonaws.com", "AttachRolePolicy", new() { ["roleName"] = s.Ref(id), ["policyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess" });
            e.Event["region"] = GlobalServiceRegion;
            e.Event["detail"]!["awsRegion"] = GlobalServiceRegion;
            yield return e with { Arrival = GlobalServiceRegion };
        }

        _ = r;
    }

    private static (string What, JsonObject Event, string Arrival) Call(DeployedStack s, string eventSource, string eventName, JsonObject parameters) =>
        ($"{eventSource} {eventName} {parameters.ToJsonString()}", SampleRoutingTests.ApiCall(eventSource, eventName, readOnly: false, parameters, s.Region), s.Region);
}
