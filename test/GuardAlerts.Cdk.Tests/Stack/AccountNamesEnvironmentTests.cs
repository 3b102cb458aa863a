using System.Text;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Cdk.Tests.Support;
using Xunit.Abstractions;

namespace GuardAlerts.Cdk.Tests.Stack;

/// <summary>
/// accountNames reaches both alert functions (GUARDALERTS_ACCOUNT_NAMES) in a standalone and a central stack; a
/// central stack's functions also read the organization's names (GUARDALERTS_ORGANIZATION_NAMES); and the map's
/// budget leaves room for every other variable at its longest within Lambda's 4 KB.
/// </summary>
[Collection(CdkSynthCollection.Name)]
public sealed class AccountNamesEnvironmentTests(InProcessStacksFixture stacks, OrganizationStacksFixture org, ITestOutputHelper output)
{
    private const string Names = "GUARDALERTS_ACCOUNT_NAMES";
    private const string Organization = "GUARDALERTS_ORGANIZATION_NAMES";

    // The longest name CloudFormation generates for a table or topic, and the longest topic ARN around it
    // ("arn:aws-us-gov:sns:" + region + ":" + account + ":" + name).
    private const int GeneratedTableName = 255;
    private const int TopicArn = 19 + 14 + 1 + 12 + 1 + 256;

    private static List<JsonObject> AlertFunctions(JsonNode template) =>
        TemplateJson.Resources(template, "AWS::Lambda::Function").Select(r => r.Properties)
            .Where(p => (string?)p["Handler"] is "guardduty" or "cloudtrail").ToList();

    private static void AssertEveryAlertFunctionHas(Template template, string name, string value)
    {
        foreach (var handler in new[] { "guardduty", "cloudtrail" })
        {
            template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
            {
                ["Handler"] = handler,
                ["Environment"] = Match.ObjectLike(new Dictionary<string, object> { ["Variables"] = Match.ObjectLike(new Dictionary<string, object> { [name] = value }) }),
            }));
        }
    }

    [Fact]
    public void Standalone_ShouldGiveBothFunctionsTheNamesAndNotTheOrganizations()
    {
        AssertEveryAlertFunctionHas(stacks.DefaultsTemplate, Names, InProcessStacksFixture.AccountNames);
        var functions = AlertFunctions(stacks.DefaultsJson);
        Assert.Equal(2, functions.Count);
        Assert.All(functions, f => Assert.Null(f["Environment"]!["Variables"]![Organization]));
    }

    [Fact]
    public void Central_ShouldGiveBothFunctionsTheNamesAndTheOrganizations()
    {
        AssertEveryAlertFunctionHas(org.CentralOrganization.Template, Names, InProcessStacksFixture.AccountNames);
        AssertEveryAlertFunctionHas(org.CentralOrganization.Template, Organization, "true");
    }

    [Fact]
    public void CentralWithoutNames_ShouldStillReadTheOrganizations()
    {
        var functions = AlertFunctions(org.CentralAccounts.Json);

        Assert.Equal(2, functions.Count);
        Assert.All(functions, f => Assert.Null(f["Environment"]!["Variables"]![Names]));
        AssertEveryAlertFunctionHas(org.CentralAccounts.Template, Organization, "true");
    }

    [Fact]
    public void Member_ShouldHaveNoFunction()
    {
        Assert.Empty(AlertFunctions(org.Member.Json));
    }

    [Fact]
    public void Budget_ShouldLeaveEveryOtherVariableAtItsLongestWithinLambdasLimit()
    {
        // Counted as the JSON object Lambda stores ("name":"value", per variable) to be safe, the chat topic's ARN
        // included though these stacks have no chat channel.
        var json = org.CentralOrganization.Json;
        var variables = AlertFunctions(json)[0]["Environment"]!["Variables"]!.AsObject()
            .Where(v => v.Key != Names).Select(v => (v.Key, Value: Longest(json, v.Value))).ToList();
        variables.Add(("GUARDALERTS_CHAT_TOPIC_ARN", TopicArn));
        var others = variables.Sum(v => Encoding.UTF8.GetByteCount(v.Key) + v.Value + 6);
        var names = Names.Length + AccountNamesBudget.MaxValueBytes + 6;
        output.WriteLine($"other variables at their longest: {others} bytes ({string.Join(", ", variables.Select(v => $"{v.Key} {v.Value}"))}); "
            + $"names: {names} bytes; total {others + names} of {AccountNamesBudget.LambdaEnvironmentBytes}");

        Assert.True(others <= AccountNamesBudget.ReservedBytes, $"the other variables take up to {others} bytes, more than the {AccountNamesBudget.ReservedBytes} reserved");
        Assert.True(others + names <= AccountNamesBudget.LambdaEnvironmentBytes, $"{others} + {names} bytes exceed Lambda's {AccountNamesBudget.LambdaEnvironmentBytes}");
    }

    // A Ref gives a table's name and a topic's ARN.
    private static int Longest(JsonNode template, JsonNode? value) => value switch
    {
        JsonValue text => Encoding.UTF8.GetByteCount((string)text!),
        _ => (string?)template["Resources"]![TemplateJson.Ref(value) ?? ""]?["Type"] switch
        {
            "AWS::DynamoDB::Table" => GeneratedTableName,
            "AWS::SNS::Topic" => TopicArn,
            _ => throw new InvalidOperationException($"unexpected variable value {value?.ToJsonString()}: say how long it can be"),
        },
    };
}
