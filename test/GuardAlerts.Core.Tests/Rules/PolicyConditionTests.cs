using GuardAlerts.Core.Config;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>Policies are read the way IAM reads them: parsed, never matched as text.</summary>
public class PolicyConditionTests
{
    private const string Account = "111122223333";

    private static (Condition? Condition, List<ConfigError> Errors) Parse(string json)
    {
        var errors = new List<ConfigError>();
        return (ConditionParser.Parse(Json.Parse(json), "t.json", "r", "when", errors), errors);
    }

    private static bool Holds(string statementTest, string policyValue)
    {
        var (condition, errors) = Parse("""{"policy":"requestParameters.doc","statement":""" + statementTest + "}");
        Assert.True(condition is not null, string.Join("; ", errors));
        return condition.Evaluate(Json.Parse("{\"recipientAccountId\":\"" + Account + "\",\"requestParameters\":{\"doc\":" + policyValue + "}}"));
    }

    private static string Text(string policy) => System.Text.Json.JsonSerializer.Serialize(policy);

    private const string PublicRead = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}""";

    [Theory]
    // The same document as an object (S3 records it so), as a string (IAM, KMS), URL-encoded (IAM calls made in the console).
    [InlineData(PublicRead, true)]
    [InlineData("\"{\\\"Statement\\\":{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":{\\\"AWS\\\":\\\"*\\\"},\\\"Action\\\":\\\"s3:*\\\"}}\"", true)]
    [InlineData("\"%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%22*%22%2C%22Action%22%3A%22s3%3A*%22%7D%5D%7D\"", true)]
    // A bare statement (Lambda's responseElements.statement) and a list of statements.
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction"}""", true)]
    [InlineData("""[{"Effect":"Deny","Principal":"*"},{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]}}]""", true)]
    // A Deny is no grant; an account's own principals are not "anyone".
    [InlineData("""{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""", false)]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*"}]}""", false)]
    // Allow with NotPrincipal grants everyone else.
    [InlineData("""{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/auditor"},"Action":"s3:*"}]}""", true)]
    // Not a document: text that is not JSON, duplicate keys (parsers disagree on which wins), a number.
    [InlineData("\"Statement: Allow *\"", false)]
    [InlineData("\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\"}]}\"", false)]
    [InlineData("42", false)]
    public void Evaluate_WhenAnyoneIsAllowed_ShouldReadTheDocumentInEveryForm(string policy, bool holds) =>
        Assert.Equal(holds, Holds("""{"effect":"Allow","principals":["anyone"]}""", policy));

    [Theory]
    [InlineData("""{"Bool":{"aws:SecureTransport":"true"}}""", true)]
    [InlineData("""{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""", false)]
    [InlineData("""{"StringEquals":{"AWS:SourceAccount":"111122223333"}}""", false)]
    [InlineData("""{"ForAnyValue:StringLike":{"aws:SourceVpce":["vpce-1"]}}""", false)]
    // Operators that do not narrow who gets in: negated, IfExists, Null, ForAllValues, and a bare wildcard value.
    [InlineData("""{"StringNotEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}""", true)]
    [InlineData("""{"StringEqualsIfExists":{"aws:SourceVpce":"vpce-1"}}""", true)]
    [InlineData("""{"Null":{"aws:SourceVpce":"false"}}""", true)]
    [InlineData("""{"ForAllValues:StringEquals":{"aws:PrincipalOrgID":["o-a1b2c3d4e5"]}}""", true)]
    [InlineData("""{"StringLike":{"aws:PrincipalOrgID":"*"}}""", true)]
    public void Evaluate_WhenConditionsAreGiven_ShouldCountOnlyThoseThatRestrictWho(string condition, bool holds) =>
        Assert.Equal(holds, Holds("""{"effect":"Allow","principals":["anyone"],"unlessConditionOn":["aws:PrincipalOrgID","aws:SourceAccount","aws:SourceVpce"]}""",
            """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":""" + condition + "}]}"));

    [Theory]
    [InlineData("\"*\"", "[\"*\"]", true)]
    [InlineData("\"*:*\"", "[\"*\"]", true)]
    [InlineData("\"iam:*\"", "[\"*\"]", false)]
    [InlineData("\"iam:*\"", "[\"iam:PassRole\"]", true)]
    [InlineData("\"IAM:pass*\"", "[\"iam:PassRole\"]", true)]
    [InlineData("\"iam:Pas?Role\"", "[\"iam:PassRole\"]", true)]
    [InlineData("[\"iam:Get*\",\"iam:List*\"]", "[\"iam:PassRole\",\"iam:AttachRolePolicy\"]", false)]
    public void Evaluate_WhenActionsAreTested_ShouldMatchIamWildcards(string action, string wanted, bool holds) =>
        Assert.Equal(holds, Holds("""{"effect":"Allow","actions":""" + wanted + "}", """{"Statement":[{"Effect":"Allow","Action":""" + action + ""","Resource":"*"}]}"""));

    [Theory]
    [InlineData("iam:PassRole", true)]
    [InlineData("s3:GetObject", false)]
    [InlineData("*", false)]
    public void Evaluate_WhenNotActionIsUsed_ShouldAllowEverythingItDoesNotList(string wanted, bool holds) =>
        Assert.Equal(holds, Holds("{\"effect\":\"Allow\",\"actions\":[\"" + wanted + "\"]}", """{"Statement":{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}}"""));

    [Theory]
    [InlineData("\"*\"", true)]
    [InlineData("[\"arn:aws:s3:::a/*\",\"*\"]", true)]
    [InlineData("\"arn:aws:s3:::a/*\"", false)]
    public void Evaluate_WhenEveryResourceIsTested_ShouldNeedAWildcardResource(string resource, bool holds) =>
        Assert.Equal(holds, Holds("""{"resources":["*"]}""", """{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":""" + resource + "}]}"));

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:root"}""", "otherAccount", true)]
    [InlineData("""{"AWS":"444455556666"}""", "otherAccount", true)]
    [InlineData("""{"AWS":"arn:aws:sts::444455556666:assumed-role/r/s"}""", "otherAccount", true)]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:role/ci","111122223333"]}""", "otherAccount", false)]
    [InlineData("""{"AWS":"AROAEXAMPLEDELETEDROLE"}""", "otherAccount", false)]
    [InlineData("""{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}""", "oidc", true)]
    [InlineData("""{"Federated":"cognito-identity.amazonaws.com"}""", "oidc", true)]
    [InlineData("""{"Federated":"arn:aws:iam::111122223333:saml-provider/okta"}""", "saml", true)]
    [InlineData("""{"Federated":"arn:aws:iam::111122223333:saml-provider/okta"}""", "oidc", false)]
    [InlineData("""{"Service":"lambda.amazonaws.com"}""", "service", true)]
    [InlineData("""{"Service":"lambda.amazonaws.com"}""", "anyone", false)]
    public void Evaluate_WhenPrincipalsAreTested_ShouldClassifyThemAgainstTheEventsAccount(string principal, string kind, bool holds) =>
        Assert.Equal(holds, Holds("{\"principals\":[\"" + kind + "\"]}", """{"Statement":[{"Effect":"Allow","Principal":""" + principal + ""","Action":"sts:AssumeRole"}]}"""));

    [Fact]
    public void Evaluate_WhenTheEventsAccountIsUnknown_ShouldCountEveryAccountAsAnother()
    {
        var condition = Parse("""{"policy":"doc","statement":{"principals":["otherAccount"]}}""").Condition!;

        Assert.True(condition.Evaluate(Json.Parse("""{"doc":{"Effect":"Allow","Principal":{"AWS":"111122223333"}}}""")));
    }

    [Theory]
    [InlineData("""{"policy":"p"}""", "when.statement", "non-empty 'statement'")]
    [InlineData("""{"policy":"p","statement":{}}""", "when.statement", "non-empty 'statement'")]
    [InlineData("""{"policy":"p","statement":{"effect":"allow"}}""", "when.statement.effect", "Allow")]
    [InlineData("""{"policy":"p","statement":{"principal":["anyone"]}}""", "when.statement.principal", "unknown statement test")]
    [InlineData("""{"policy":"p","statement":{"principals":["everyone"]}}""", "when.statement.principals", "'everyone'")]
    [InlineData("""{"policy":"p","statement":{"actions":[]}}""", "when.statement.actions", "non-empty array")]
    [InlineData("""{"policy":"p..q","statement":{"effect":"Allow"}}""", "when.policy", "dotted path")]
    [InlineData("""{"policy":"p","statement":{"effect":"Allow"},"where":{}}""", "when.where", "unknown key")]
    public void Parse_WhenThePolicyConditionIsWrong_ShouldNameTheField(string json, string field, string message)
    {
        var (condition, errors) = Parse(json);

        Assert.Null(condition);
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }
}
