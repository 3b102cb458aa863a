using System.Text.Json.Nodes;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Tests.Samples;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Dedup;

/// <summary>
/// Dedup on the shipped risk table: a duplicate is the same call on the same resource again. One session doing the
/// call on another resource within the window is another fact (another user made an administrator, another alarm
/// deleted, another load balancer left without its web ACL) and must alert on its own: the first alert names only
/// the first resource, and nobody reads "seen 2 times" in a ledger.
/// </summary>
public class ShippedRuleTargetDedupTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> OtherResources => new()
    {
        // A second user put in Administrators: the key holds the group, not who joined it.
        { "AddUserToGroup-administrators", "userName", "\"mallory\"" },
        // Rules whose request names the resource in a field the key does not read: every resource reads as "-".
        { "DeleteAlarms-security-alarm", "alarmNames", "[\"root-account-usage\"]" },
        { "DisableAlarmActions", "alarmNames", "[\"orders-api-errors\"]" },
        { "DisassociateWebACL", "resourceArn", "\"arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/payments-api/0123456789abcdef\"" },
        { "DeleteWebACL-classic-global", "webACLId", "\"f6a7b8c9-0123-45ef-a012-EXAMPLE66666\"" },
        { "DeleteConfigRule", "configRuleName", "\"cloudtrail-enabled\"" },
        { "DeleteGuardrail", "guardrailIdentifier", "\"9zz8yy7xx6ww\"" },
        { "UpdateNotebookInstance-lifecycle-attached", "notebookInstanceName", "\"finance-models\"" },
        { "Disable-inspector-ec2-ecr", "resourceTypes", "[\"LAMBDA\"]" },
        // The rule keys SendCommand on its document: the same script sent to another instance is hidden.
        { "SendCommand-shell-script", "instanceIds", "[\"i-0fedcba9876543210\"]" },
    };

    [Theory]
    [MemberData(nameof(OtherResources))]
    public async Task ProcessAsync_WhenSameSessionDoesTheCallOnAnotherResourceInTheWindow_ShouldAlertAgain(string sample, string parameter, string otherValue)
    {
        var pipeline = new AlertPipeline(SampleRun.LoadPolicy(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FakeTimeProvider(Now));
        var first = await pipeline.ProcessAsync(Parse(Sample(sample)));
        var other = Sample(sample, "second");
        other["detail"]!["requestParameters"]![parameter] = JsonNode.Parse(otherValue);

        var second = await pipeline.ProcessAsync(Parse(other));

        Assert.Equal(Outcome.Alert, first.Outcome);
        Assert.True(second.Outcome == Outcome.Alert,
            $"{sample} with {parameter} = {otherValue} was {second.Outcome} ({second.Reason}); key {second.DedupKey}");
    }

    [Fact]
    public async Task ProcessAsync_WhenSameSessionRepeatsTheSameCallInTheWindow_ShouldBeADuplicate()
    {
        // The cases above fail only when the key cannot tell the resources apart: a true repeat still collapses.
        var pipeline = new AlertPipeline(SampleRun.LoadPolicy(Now), new InMemoryAlertLedger(), new RecordingPublisher(), new FakeTimeProvider(Now));
        var first = await pipeline.ProcessAsync(Parse(Sample("AddUserToGroup-administrators")));

        var again = await pipeline.ProcessAsync(Parse(Sample("AddUserToGroup-administrators", "second")));

        Assert.Equal((Outcome.Alert, Outcome.Duplicate), (first.Outcome, again.Outcome));
    }

    private static JsonNode Sample(string name, string? newId = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Events, "cloudtrail", name + ".json")))!;
        if (newId is not null)
        {
            node["id"] = newId;
            node["detail"]!["eventID"] = newId;
        }

        return node;
    }

    private static ParsedEvent Parse(JsonNode node) => Json.Event(node.ToJsonString());
}
