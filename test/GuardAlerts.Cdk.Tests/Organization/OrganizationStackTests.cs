using System.Text.Json.Nodes;
using GuardAlerts.Cdk.Tests.Support;

namespace GuardAlerts.Cdk.Tests.Organization;

/// <summary>The central and member deployments: the bus and its policy, the member's rules, its StackSet-ready template.</summary>
[Collection(CdkSynthCollection.Name)]
public sealed class OrganizationStackTests(OrganizationStacksFixture org)
{
    private const string Rule = "AWS::Events::Rule";

    [Fact]
    public void CentralWithOrganization_ShouldLetOnlyTheOrganizationsAccountsPutEvents()
    {
        var statement = BusPolicyStatement(org.CentralOrganization.Json);

        Assert.Equal("*", (string?)statement["Principal"]);
        Assert.Equal("events:PutEvents", (string?)statement["Action"]);
        Assert.Equal(OrganizationStacksFixture.OrganizationId, (string?)statement["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]);
        Assert.Equal(["aws:PrincipalOrgID"], statement["Condition"]!["StringEquals"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void CentralWithAccounts_ShouldLetOnlyTheListedAccountsPutEvents()
    {
        var statement = BusPolicyStatement(org.CentralAccounts.Json);

        var principals = statement["Principal"]!["AWS"]!.AsArray().Select(p => p!.ToJsonString()).ToList();
        Assert.Equal(2, principals.Count);
        Assert.Contains(principals, p => p.Contains($":iam::{OrganizationStacksFixture.MemberAccount}:root", StringComparison.Ordinal));
        Assert.Contains(principals, p => p.Contains(":iam::777788889999:root", StringComparison.Ordinal));
        Assert.Null(statement["Condition"]);
    }

    [Fact]
    public void Central_ShouldNameItsBusAndOutputItsArn()
    {
        var json = org.CentralOrganization.Json;
        var bus = Assert.Single(TemplateJson.Resources(json, "AWS::Events::EventBus"));
        Assert.Equal($"GuardAlerts-{OrganizationStacksFixture.Region}-CentralBus", (string?)bus.Properties["Name"]);
        Assert.Equal(bus.Id, TemplateJson.GetAttTarget(json["Outputs"]!["CentralBusArn"]!["Value"]));
        Assert.EndsWith(":event-bus/" + (string?)bus.Properties["Name"], OrganizationStacksFixture.CentralBusArn, StringComparison.Ordinal);
    }

    [Fact]
    public void Central_ShouldRunEveryDefaultBusRuleOnTheCentralBusWithTheSamePatternStateAndTarget()
    {
        var json = org.CentralOrganization.Json;
        var bus = Assert.Single(TemplateJson.Resources(json, "AWS::Events::EventBus")).Id;
        var functionRules = TemplateJson.Resources(json, Rule)
            .Where(r => r.Properties["Targets"]?.AsArray().Any(t => TemplateJson.GetAttTarget(t!["Arn"]) is { } id && id.Contains("Function", StringComparison.Ordinal)
                    && !id.StartsWith("Members", StringComparison.Ordinal)) == true
                && r.Properties["ScheduleExpression"] is null)
            .ToList();
        var onDefault = functionRules.Where(r => r.Properties["EventBusName"] is null).Select(Routed).Order(StringComparer.Ordinal).ToList();
        var onCentral = functionRules.Where(r => TemplateJson.Ref(r.Properties["EventBusName"]) == bus).Select(Routed).Order(StringComparer.Ordinal).ToList();

        Assert.True(onDefault.Count >= 3, $"only {onDefault.Count} routing rules on the default bus");
        Assert.Equal(onDefault, onCentral);
        Assert.Equal(functionRules.Count, onDefault.Count + onCentral.Count);
    }

    /// <summary>
    /// EventBridge counts a custom bus's rules under EventBusName and RuleName (eb-monitoring); an alarm on RuleName
    /// alone would watch a metric that never has data and never fire.
    /// </summary>
    [Fact]
    public void Central_ShouldAlarmOnTheCentralBusRulesFailedInvocationsUnderTheBusAndTheRulesName()
    {
        var json = org.CentralOrganization.Json;
        var bus = Assert.Single(TemplateJson.Resources(json, "AWS::Events::EventBus"));
        var alarms = TemplateJson.Resources(json, "AWS::CloudWatch::Alarm").Where(a => (string?)a.Properties["MetricName"] == "FailedInvocations")
            .Select(a => a.Properties["Dimensions"]!.AsArray().ToDictionary(d => (string)d!["Name"]!, d => d!["Value"]!.ToJsonString()))
            .ToList();
        var onBus = TemplateJson.Resources(json, Rule).Where(r => TemplateJson.Ref(r.Properties["EventBusName"]) == bus.Id).ToList();

        Assert.True(onBus.Count >= 4, $"only {onBus.Count} rules on the central bus");
        foreach (var (id, rule) in onBus)
        {
            Assert.Contains(alarms, d => d.Count == 2 && d["RuleName"] == rule["Name"]!.ToJsonString() && TemplateJson.Ref(JsonNode.Parse(d["EventBusName"])) == bus.Id);
        }

        // Every rule on the default bus, the two schedules (the canary's and the silent-member check's) included.
        Assert.Equal(TemplateJson.Resources(json, Rule).Count(r => r.Properties["EventBusName"] is null), alarms.Count(d => d.Count == 1));
    }

    [Fact]
    public void Member_ShouldForwardWithTheCentralRulesPatternsAndStates()
    {
        var central = CentralRoutes(org.CentralOrganization.Json);
        var member = MemberRoutes(org.Member.Json);
        var withoutGuardDuty = MemberRoutes(org.MemberWithoutGuardDuty.Json);

        Assert.Equal(central, member);
        // Without forwardGuardDuty the member leaves GuardDuty's findings to the delegated administrator.
        Assert.Equal(central.Where(p => !p.Contains("aws.guardduty", StringComparison.Ordinal)), withoutGuardDuty);
        Assert.Single(central, p => p.Contains("aws.guardduty", StringComparison.Ordinal));
    }

    [Fact]
    public void Member_ShouldHaveNoAssetsNoBootstrapAndNothingThatAlertsByItself()
    {
        foreach (var member in new[] { org.Member, org.MemberWithoutGuardDuty })
        {
            var types = member.Json["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!).Distinct().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["AWS::Events::Rule", "AWS::IAM::Policy", "AWS::IAM::Role"], types);
            Assert.Null(member.Json["Parameters"]?["BootstrapVersion"]);
            Assert.Null(member.Json["Rules"]);
            Assert.DoesNotContain("aws:asset", member.Json.ToJsonString(), StringComparison.Ordinal);
            var artifacts = member.Manifest["artifacts"]!.AsObject();
            Assert.DoesNotContain(artifacts, a => (string?)a.Value!["type"] == "cdk:asset-manifest");
            var stack = Assert.Single(artifacts, a => (string?)a.Value!["type"] == "aws:cloudformation:stack");
            // One template for every account and region of the StackSet.
            Assert.Equal("aws://unknown-account/unknown-region", (string?)stack.Value!["environment"]);
        }
    }

    [Fact]
    public void Member_ShouldForwardOnlyThroughARoleThatMayOnlyPutEventsOnTheCentralBus()
    {
        var json = org.Member.Json;
        var role = Assert.Single(TemplateJson.Resources(json, "AWS::IAM::Role"));
        Assert.Equal(["events.amazonaws.com"], TemplateJson.Services(role.Properties["AssumeRolePolicyDocument"]!["Statement"]![0]!));
        var policy = Assert.Single(TemplateJson.Resources(json, "AWS::IAM::Policy"));
        Assert.Equal(role.Id, TemplateJson.Ref(policy.Properties["Roles"]![0]));
        var statement = Assert.Single(policy.Properties["PolicyDocument"]!["Statement"]!.AsArray())!;
        Assert.Equal("events:PutEvents", (string?)statement["Action"]);
        Assert.Equal(OrganizationStacksFixture.CentralBusArn, (string?)statement["Resource"]);
        Assert.Null(statement["Condition"]);
        foreach (var (id, rule) in TemplateJson.Resources(json, Rule))
        {
            var target = Assert.Single(rule["Targets"]!.AsArray())!;
            Assert.True(OrganizationStacksFixture.CentralBusArn == (string?)target["Arn"], $"{id} targets {target["Arn"]}");
            Assert.Equal(role.Id, TemplateJson.GetAttTarget(target["RoleArn"]));
        }
    }

    [Fact]
    public void Member_ShouldSendAnHourlyHeartbeatToTheCentralBus()
    {
        var heartbeat = Assert.Single(TemplateJson.Resources(org.Member.Json, Rule), r => r.Properties["ScheduleExpression"] is not null).Properties;

        Assert.Equal("rate(1 hour)", (string?)heartbeat["ScheduleExpression"]);
        Assert.Equal(MemberStack.HeartbeatRuleName, (string?)heartbeat["Name"]);
        // The scheduled event itself goes: no input, so its source (aws.events), account and region are EventBridge's.
        var target = Assert.Single(heartbeat["Targets"]!.AsArray())!;
        Assert.Null(target["Input"]);
        Assert.Null(target["InputTransformer"]);
    }

    [Fact]
    public async Task EveryOrganizationTemplate_ShouldHaveNoCfnLintErrors() => await CfnLint.AssertNoErrorsAsync(org.TemplatePaths);

    private static JsonNode BusPolicyStatement(JsonNode json)
    {
        var bus = Assert.Single(TemplateJson.Resources(json, "AWS::Events::EventBus")).Id;
        var policy = Assert.Single(TemplateJson.Resources(json, "AWS::Events::EventBusPolicy")).Properties;
        Assert.Equal(bus, TemplateJson.Ref(policy["EventBusName"]));
        var statement = policy["Statement"]!;
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(bus, TemplateJson.GetAttTarget(statement["Resource"]));
        return statement;
    }

    // A routed rule as pattern, state and the handler it feeds, comparable across buses.
    private static string Routed((string Id, JsonObject Properties) rule) =>
        $"{rule.Properties["EventPattern"]!.ToJsonString()} {(string?)rule.Properties["State"]} {TemplateJson.GetAttTarget(rule.Properties["Targets"]![0]!["Arn"])}";

    private static List<string> CentralRoutes(JsonNode json) => TemplateJson.Resources(json, Rule)
        .Where(r => r.Properties["EventBusName"] is not null && r.Properties["Targets"]?.AsArray().Any(t => TemplateJson.GetAttTarget(t!["Arn"]) is not null) == true
            && !((string?)r.Properties["Name"] ?? "").Contains("SelfProtection", StringComparison.Ordinal)
            && !((string?)r.Properties["Name"] ?? "").EndsWith("CentralMemberHeartbeat", StringComparison.Ordinal))
        .Select(r => $"{r.Properties["EventPattern"]!.ToJsonString()} {(string?)r.Properties["State"]}").Order(StringComparer.Ordinal).ToList();

    private static List<string> MemberRoutes(JsonNode json) => TemplateJson.Resources(json, Rule)
        .Where(r => r.Properties["ScheduleExpression"] is null && !((string?)r.Properties["Name"] ?? "").Contains("Protection", StringComparison.Ordinal))
        .Select(r => $"{r.Properties["EventPattern"]!.ToJsonString()} {(string?)r.Properties["State"]}").Order(StringComparer.Ordinal).ToList();
}
