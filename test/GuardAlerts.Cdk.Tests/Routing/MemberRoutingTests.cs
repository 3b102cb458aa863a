using System.Text;
using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;
using Xunit.Abstractions;
using Org = GuardAlerts.Cdk.Tests.Support.OrganizationStacksFixture;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// A member account's events through the organization deployment, read by the documented EventBridge matcher: the
/// member's rules on its default bus forward to the central bus (through their role, admitted by the bus policy),
/// and the central stack's rules on that bus deliver to its functions. The forwarded event is the member's own, its
/// account included (cross-account bus targets pass the event on as it is).
/// </summary>
[Collection(CdkSynthCollection.Name)]
public sealed class MemberRoutingTests(OrganizationStacksFixture org, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryAlertingSample_InAMemberRegion_ShouldReachItsCentralFunctionExactlyOnce()
    {
        var (buses, central) = Deployment(org.Member, org.CentralOrganization);
        var handlers = Handlers(central);
        var alerting = (await SampleEvents.AllAsync()).Where(s => s.MustBeDelivered).ToList();
        Assert.True(alerting.Count >= 100, $"only {alerting.Count} alerting samples");
        var failures = new StringBuilder();
        foreach (var sample in alerting)
        {
            var reached = buses.Put(InMember(sample.Event), Org.Region, Org.MemberAccount, "default")
                .Where(d => d.Stack == central && d.TargetId is { } t && handlers.ContainsKey(t))
                .ToList();
            if (reached.Count != 1 || handlers[reached[0].TargetId!] != sample.Handler)
            {
                failures.AppendLine($"{sample.Source} ({sample.Decision.Outcome} {sample.Decision.RuleId}) reached [{string.Join(", ", reached.Select(r => handlers[r.TargetId!]))}], expected the {sample.Handler} function once");
            }
            else if ((string?)reached[0].Input["account"] != Org.MemberAccount)
            {
                failures.AppendLine($"{sample.Source} reached the central function as account {reached[0].Input["account"]}, not the member's");
            }
        }

        output.WriteLine($"{alerting.Count - failures.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length} of {alerting.Count} alerting or exempted samples forwarded from the member to their central function");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task GuardDutyFinding_FromAMemberWithoutForwardGuardDuty_ShouldNotBeForwarded()
    {
        var (buses, central) = Deployment(org.MemberWithoutGuardDuty, org.CentralOrganization);
        var findings = (await SampleEvents.AllAsync()).Where(s => s.MustBeDelivered && s.Handler == "guardduty").ToList();
        Assert.NotEmpty(findings);

        Assert.All(findings, f => Assert.DoesNotContain(buses.Put(InMember(f.Event), Org.Region, Org.MemberAccount, "default"), d => d.Stack == central));
    }

    [Fact]
    public void AccountNotAdmittedByTheBusPolicy_ShouldNotReachTheCentralStack()
    {
        // The central stack that admits listed accounts, and a member in an account it does not list.
        var member = new DeployedStack("StackSet-GuardAlertsMember-0001", Org.Region, org.Member.Json, "999900001111");
        var central = new DeployedStack(org.CentralAccounts.StackName, Org.Region, org.CentralAccounts.Json, Org.CentralAccount);
        var buses = new EventBuses([member, central]);
        var createUser = SampleRoutingTests.ApiCall("iam.amazonaws.com", "CreateUser", readOnly: false, new JsonObject { ["userName"] = "backdoor" }, Org.Region);
        createUser["account"] = "999900001111";

        var deliveries = buses.Put(createUser, Org.Region, "999900001111", "default");

        Assert.Contains(deliveries, d => d.Stack == member && d.TargetArn == Org.CentralBusArn);
        Assert.DoesNotContain(deliveries, d => d.Stack == central);
        // The same member in a listed account is admitted.
        var listed = new EventBuses([new DeployedStack("StackSet-GuardAlertsMember-0001", Org.Region, org.Member.Json, Org.MemberAccount), central]);
        createUser["account"] = Org.MemberAccount;
        Assert.Contains(listed.Put(createUser, Org.Region, Org.MemberAccount, "default"), d => d.Stack.StackName == central.StackName && d.TargetId is not null);
    }

    /// <summary>
    /// An attacker who controls a member cannot pass another account's events on to the central bus as that account's:
    /// an account outside the organization forwards its real events to the member's default bus (whose policy the
    /// attacker opened to it), where the member's forwarding rules match them, but EventBridge does not route an event
    /// received from one bus on to a third. Only a member's own events reach the central stack from its account.
    /// </summary>
    [Fact]
    public void EventsOfAnOutsideAccount_RelayedThroughAMember_ShouldNotReachTheCentralStack()
    {
        const string Outside = "999900001111";
        var relay = Filled("""
            {"Resources": {"Relay": {"Type": "AWS::Events::Rule", "Properties": {
              "EventPattern": {"source": [{"prefix": "aws."}]},
              "Targets": [{"Id": "Member", "Arn": "arn:aws:events:REGION:MEMBER:event-bus/default", "RoleArn": "arn:aws:iam::OUTSIDE:role/relay"}]}}}}
            """);
        var opened = Filled("""
            {"Resources": {"Open": {"Type": "AWS::Events::EventBusPolicy", "Properties": {"EventBusName": "default", "StatementId": "relay",
              "Statement": {"Effect": "Allow", "Action": "events:PutEvents", "Principal": {"AWS": ["arn:aws:iam::OUTSIDE:root"]},
                "Resource": "arn:aws:events:REGION:MEMBER:event-bus/default"}}}}}
            """);
        static JsonNode Filled(string template) => JsonNode.Parse(template.Replace("OUTSIDE", Outside, StringComparison.Ordinal)
            .Replace("MEMBER", Org.MemberAccount, StringComparison.Ordinal).Replace("REGION", Org.Region, StringComparison.Ordinal))!;
        var central = new DeployedStack(org.CentralOrganization.StackName, Org.Region, org.CentralOrganization.Json, Org.CentralAccount);
        var buses = new EventBuses(
        [
            new DeployedStack("relay", Org.Region, relay, Outside),
            new DeployedStack("opened", Org.Region, opened, Org.MemberAccount),
            new DeployedStack("StackSet-GuardAlertsMember-0001", Org.Region, org.Member.Json, Org.MemberAccount),
            central,
        ]);
        var createUser = SampleRoutingTests.ApiCall("iam.amazonaws.com", "CreateUser", readOnly: false, new JsonObject { ["userName"] = "backdoor" }, Org.Region);
        createUser["account"] = Outside;

        var deliveries = buses.Put(createUser, Org.Region, Outside, "default");

        // It reaches the member's bus, and its forwarding rule matches it there; it goes no further.
        Assert.Contains(deliveries, d => d.Stack.StackName == "StackSet-GuardAlertsMember-0001" && d.TargetArn == Org.CentralBusArn);
        Assert.DoesNotContain(deliveries, d => d.Stack == central);
    }

    /// <summary>
    /// A member's forwarding rule deleted or its target removed: the member's self-protection forwards the CloudTrail
    /// event and the central stack sends it to its operations and pager topics. Deleting the self-protection rule
    /// itself is reported by the rule that watches it. When the risk table also covers the call, the member's
    /// forwarding rules send a second copy of the event (docs/organizations.md): each topic may get the message twice.
    /// </summary>
    [Theory]
    [InlineData("DeleteRule", "name", "GuardAlertsMember-CloudTrailApiCalls1")]
    [InlineData("RemoveTargets", "rule", "GuardAlertsMember-Heartbeat")]
    [InlineData("DisableRule", "name", "GuardAlertsMember-ConsoleSignIn")]
    [InlineData("DeleteRule", "name", "GuardAlertsMember-Protection")]
    [InlineData("DeleteRule", "name", "GuardAlertsMember-ProtectionWatch")]
    // Any rule a member's principal names like a member's rule pages too: the noise docs/organizations.md "Limits" names.
    [InlineData("DeleteRule", "name", "GuardAlertsMember-decoy")]
    public void ChangeToAMembersForwarding_ShouldReachTheCentralOperationsAndPagerTopics(string eventName, string parameter, string ruleName)
    {
        var (buses, central) = Deployment(org.Member, org.CentralOrganization);
        var change = InMember(SampleRoutingTests.ApiCall("events.amazonaws.com", eventName, readOnly: false, new JsonObject { [parameter] = ruleName }, Org.Region));

        Assert.Equal([TemplateJson.Topic(central.Template, "Operations"), TemplateJson.Topic(central.Template, "Pager")], CentralTopics(buses, central, change));
    }

    /// <summary>
    /// The member's stack deleted or replaced, by its StackSet or by anyone in the account with CloudFormation rights:
    /// CloudFormation then deletes every forwarding and self-protection rule, the watchers possibly before their
    /// reports of the others go out, so the call itself is reported, by the stack's name or ID. The same call on any
    /// other stack of the member is not.
    /// </summary>
    [Theory]
    [InlineData("StackSet-GuardAlertsMember-0001", "DeleteStack", false)]
    [InlineData("StackSet-GuardAlertsMember-0001", "DeleteStack", true)]
    [InlineData("StackSet-GuardAlertsMember-0001", "UpdateStack", false)]
    [InlineData("StackSet-GuardAlertsMember-0001", "CreateChangeSet", true)]
    [InlineData("GuardAlertsMember", "DeleteStack", false)]
    public void MembersStackDeletedOrReplaced_ShouldReachTheCentralOperationsAndPagerTopics(string stackName, string eventName, bool byId)
    {
        var member = new DeployedStack(stackName, Org.Region, org.Member.Json, Org.MemberAccount);
        var central = new DeployedStack(org.CentralOrganization.StackName, Org.Region, org.CentralOrganization.Json, Org.CentralAccount);
        var buses = new EventBuses([member, central]);
        var call = InMember(SampleRoutingTests.ApiCall("cloudformation.amazonaws.com", eventName, readOnly: false,
            new JsonObject { ["stackName"] = byId ? member.StackId : stackName }, Org.Region));
        var otherStack = InMember(SampleRoutingTests.ApiCall("cloudformation.amazonaws.com", eventName, readOnly: false,
            new JsonObject { ["stackName"] = "orders-service" }, Org.Region));

        Assert.Equal([TemplateJson.Topic(central.Template, "Operations"), TemplateJson.Topic(central.Template, "Pager")], CentralTopics(buses, central, call));
        Assert.Empty(CentralTopics(buses, central, otherStack));
    }

    private static List<string> CentralTopics(EventBuses buses, DeployedStack central, JsonObject memberEvent) => buses.Put(memberEvent, Org.Region, Org.MemberAccount, "default")
        .Where(d => d.Stack == central && d.TargetId is { } t && central.TypeOf(t) == "AWS::SNS::Topic")
        .Select(d => d.TargetId!)
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void ChangeToAMembersRole_InUsEast1_ShouldReachTheCentralOperationsTopic()
    {
        // IAM's events reach EventBridge in us-east-1 only: the member's us-east-1 instance forwards them, for the
        // roles of every region's instance.
        var member = new DeployedStack("StackSet-GuardAlertsMember-0001", "us-east-1", org.Member.Json, Org.MemberAccount);
        var central = new DeployedStack(org.CentralOrganization.StackName, Org.Region, org.CentralOrganization.Json, Org.CentralAccount);
        var buses = new EventBuses([member, central]);
        var detach = SampleRoutingTests.ApiCall("iam.amazonaws.com", "DetachRolePolicy", readOnly: false,
            new JsonObject { ["roleName"] = "GuardAlertsMember-eu-west-1-Forward", ["policyArn"] = "arn:aws:iam::aws:policy/x" }, "us-east-1");
        detach["account"] = Org.MemberAccount;

        var deliveries = buses.Put(detach, "us-east-1", Org.MemberAccount, "default");

        Assert.Contains(deliveries, d => d.Stack == central && d.TargetId == TemplateJson.Topic(central.Template, "Operations"));
    }

    /// <summary>
    /// GuardDuty delivers every member's findings to its delegated administrator (the central account) in the finding's
    /// own region, on that region's default bus. In a region without a central stack nothing reads that bus, nor the
    /// central account's own events there: the member template, deployed in the central account with
    /// forwardGuardDuty=true (docs/organizations.md), forwards both to the central bus, and the alert names the member.
    /// </summary>
    [Fact]
    public async Task CentralAccountsEvents_InARegionWithoutACentralStack_ShouldReachTheCentralFunctionsOnlyThroughTheMemberTemplate()
    {
        const string OtherRegion = "eu-central-1";
        var samples = await SampleEvents.AllAsync();
        var finding = samples.First(s => s.MustBeDelivered && s.Handler == "guardduty").Event.DeepClone().AsObject();
        finding["account"] = Org.CentralAccount;
        finding["region"] = OtherRegion;
        finding["detail"]!["accountId"] = Org.MemberAccount;
        finding["detail"]!["region"] = OtherRegion;
        var ownCall = samples.First(s => s.MustBeDelivered && (string?)s.Event["detail"]?["eventSource"] == "ec2.amazonaws.com").Event.DeepClone().AsObject();
        ownCall["account"] = Org.CentralAccount;
        ownCall["region"] = OtherRegion;
        var central = new DeployedStack(org.CentralOrganization.StackName, Org.Region, org.CentralOrganization.Json, Org.CentralAccount);
        var handlers = Handlers(central);
        var alone = new EventBuses([central]);
        var withTemplate = new EventBuses([central, new DeployedStack("GuardAlertsMember", OtherRegion, org.Member.Json, Org.CentralAccount)]);

        foreach (var (e, handler) in new[] { (finding, "guardduty"), (ownCall, "cloudtrail") })
        {
            Assert.Empty(alone.Put(e, OtherRegion, Org.CentralAccount, "default"));
            var reached = withTemplate.Put(e, OtherRegion, Org.CentralAccount, "default")
                .Where(d => d.Stack == central && d.TargetId is { } t && handlers.ContainsKey(t))
                .ToList();
            var delivery = Assert.Single(reached);
            Assert.Equal(handler, handlers[delivery.TargetId!]);
            Assert.Equal(e.ToJsonString(), delivery.Input.ToJsonString());
        }
    }

    private static (EventBuses Buses, DeployedStack Central) Deployment(Org.Synthesized member, Org.Synthesized central)
    {
        var centralStack = new DeployedStack(central.StackName, Org.Region, central.Json, Org.CentralAccount);
        return (new EventBuses([new DeployedStack("StackSet-GuardAlertsMember-0001", Org.Region, member.Json, Org.MemberAccount), centralStack]), centralStack);
    }

    private static Dictionary<string, string> Handlers(DeployedStack stack) => stack.Resources("AWS::Lambda::Function")
        .Where(f => f.Properties["Handler"] is not null)
        .ToDictionary(f => f.Id, f => (string)f.Properties["Handler"]!);

    // The sample as the member's default bus in the member region receives it.
    private static JsonObject InMember(JsonObject sample)
    {
        var copy = sample.DeepClone().AsObject();
        copy["account"] = Org.MemberAccount;
        copy["region"] = Org.Region;
        return copy;
    }
}
