using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.Rules;

/// <summary>
/// A policy document in a request is the caller's text, and CloudTrail records it even when the service refuses it
/// (MalformedPolicy): a statement whose Effect is not text must be read as what it is (no Allow), never throw and
/// turn the event into a failure that is retried into the dead-letter queue instead of being decided.
/// </summary>
public class PolicyStatementOddTypesTests
{
    [Theory]
    [InlineData("""{"Effect":1,"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}""")]
    [InlineData("""{"Effect":["Allow"],"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}""")]
    [InlineData("""{"Effect":{"Allow":true},"NotPrincipal":"*","Action":"s3:*","Resource":"*"}""")]
    public void Matches_WhenEffectIsNotText_ShouldAnswerWithoutThrowing(string statement)
    {
        var test = new PolicyStatementTest(null, [], [], [PolicyPrincipalKind.Anyone], []);

        var matched = Record.Exception(() => test.Matches(Json.Parse(statement), "111122223333"));

        Assert.Null(matched);
    }

    [Fact]
    public void Matches_WhenAllowWithNotPrincipal_ShouldStillBeAnyone()
    {
        var test = new PolicyStatementTest(null, [], [], [PolicyPrincipalKind.Anyone], []);

        Assert.True(test.Matches(Json.Parse("""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}"""), "111122223333"));
    }
}
