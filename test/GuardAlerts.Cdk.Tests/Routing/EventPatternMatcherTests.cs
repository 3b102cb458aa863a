using GuardAlerts.Testing.Routing;

namespace GuardAlerts.Cdk.Tests.Routing;

/// <summary>
/// The matcher against the EventBridge user guide's own examples (content filtering, comparison operators, arrays):
/// it decides whether the stack's rules deliver events, so it is checked against AWS's words, not our generator.
/// </summary>
public sealed class EventPatternMatcherTests
{
    private const string Ec2StateEvent = """
        {"detail-type": ["EC2 Instance State-change Notification"],
         "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341"],
         "detail": {"state": ["initializing", "running"]}}
        """;

    [Theory]
    // Prefix matching: "time" starting with "2017-10-02".
    [InlineData("""{"time": [{"prefix": "2017-10-02"}]}""", """{"time": "2017-10-02T18:43:48Z"}""", true)]
    [InlineData("""{"time": [{"prefix": "2017-10-02"}]}""", """{"time": "2017-10-03T18:43:48Z"}""", false)]
    [InlineData("""{"source": ["aws.autoscaling"], "region": [{"prefix": "eu-"}]}""", """{"source": "aws.autoscaling", "region": "eu-west-1"}""", true)]
    [InlineData("""{"source": ["aws.autoscaling"], "region": [{"prefix": "eu-"}]}""", """{"source": "aws.autoscaling", "region": "us-east-1"}""", false)]
    // Prefix and suffix ignoring case.
    [InlineData("""{"detail": {"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}}""", """{"detail": {"service": "eventbridge"}}""", true)]
    [InlineData("""{"detail": {"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}}""", """{"detail": {"FileName": "a.PNG"}}""", true)]
    [InlineData("""{"FileName": [{"suffix": ".png"}]}""", """{"FileName": "a.PNG"}""", false)]
    [InlineData("""{"FileName": [{"suffix": ".png"}]}""", """{"FileName": "image.png"}""", true)]
    // Equals and equals-ignore-case; empty string.
    [InlineData("""{"Name": ["Alice"]}""", """{"Name": "alice"}""", false)]
    [InlineData("""{"Name": [{"equals-ignore-case": "alice"}]}""", """{"Name": "ALICE"}""", true)]
    [InlineData("""{"LastName": [""]}""", """{"LastName": ""}""", true)]
    [InlineData("""{"LastName": [""]}""", """{"FirstName": "x"}""", false)]
    // Anything-but: a string, a number, lists of each, prefix, suffix, ignore case, wildcard.
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", """{"detail": {"state": "initializing"}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", """{"detail": {}}""", false)]
    [InlineData("""{"detail": {"x-limit": [{"anything-but": 123}]}}""", """{"detail": {"x-limit": 124}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"anything-but": 123}]}}""", """{"detail": {"x-limit": 123}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}""", """{"detail": {"state": "overloaded"}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": ["stopped", "overloaded"]}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"detail": {"x-limit": [{"anything-but": [100, 200, 300]}]}}""", """{"detail": {"x-limit": 200}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}""", """{"detail": {"state": "initializing"}}""", false)]
    [InlineData("""{"detail": {"state": [{"anything-but": {"prefix": "init"}}]}}""", """{"detail": {"state": "running"}}""", true)]
    [InlineData("""{"source": [{"anything-but": {"prefix": "aws."}}]}""", """{"source": "aws.ec2"}""", false)]
    [InlineData("""{"source": [{"anything-but": {"prefix": "aws."}}]}""", """{"source": "com.example"}""", true)]
    [InlineData("""{"FileName": [{"anything-but": {"suffix": ".png"}}]}""", """{"FileName": "a.png"}""", false)]
    [InlineData("""{"state": [{"anything-but": {"equals-ignore-case": "initializing"}}]}""", """{"state": "INITIALIZING"}""", false)]
    [InlineData("""{"state": [{"anything-but": {"equals-ignore-case": ["initializing", "stopped"]}}]}""", """{"state": "Running"}""", true)]
    [InlineData("""{"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}""", """{"FilePath": "/usr/lib/x.so"}""", false)]
    [InlineData("""{"FilePath": [{"anything-but": {"wildcard": "*/lib/*"}}]}""", """{"FilePath": "/usr/bin/x"}""", true)]
    [InlineData("""{"detail-type": [{"anything-but": "AWS API Call via CloudTrail"}]}""", """{"detail-type": "AWS API Call via CloudTrail"}""", false)]
    // Numeric matching: every field's range must hold.
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}], "x-limit": [{"numeric": ["=", 3.018e2]}]}}""", """{"detail": {"c-count": 5, "d-count": 9.5, "x-limit": 301.8}}""", true)]
    [InlineData("""{"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}], "x-limit": [{"numeric": ["=", 3.018e2]}]}}""", """{"detail": {"c-count": 0, "d-count": 9.5, "x-limit": 301.8}}""", false)]
    [InlineData("""{"detail": {"severity": [{"numeric": [">=", 4]}]}}""", """{"detail": {"severity": "8"}}""", false)]
    [InlineData("""{"detail": {"severity": [{"numeric": [">=", 4]}]}}""", """{"detail": {"severity": 3.9}}""", false)]
    [InlineData("""{"detail": {"severity": [{"numeric": [">=", 4]}]}}""", """{"detail": {"severity": 4}}""", true)]
    // IP address matching, IPv4 and IPv6.
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}""", """{"detail": {"sourceIPAddress": "10.0.0.255"}}""", true)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/24"}]}}""", """{"detail": {"sourceIPAddress": "10.0.1.1"}}""", false)]
    [InlineData("""{"detail": {"sourceIPAddress": [{"cidr": "2001:db8::/32"}]}}""", """{"detail": {"sourceIPAddress": "2001:db8:1::5"}}""", true)]
    // Exists matching works on leaf nodes only: an object where a leaf is expected counts as absent.
    [InlineData("""{"detail": {"c-count": [{"exists": false}]}}""", Ec2StateEvent, true)]
    [InlineData("""{"detail": {"c-count": [{"exists": false}]}}""", """{"detail": {"state": ["initializing", "running"], "c-count": {"c1": 100}}}""", true)]
    [InlineData("""{"detail": {"c-count": [{"exists": false}]}}""", """{"detail": {"c-count": 1}}""", false)]
    [InlineData("""{"detail": {"description": [{"exists": true}]}}""", """{"detail": {"description": "x"}}""", true)]
    [InlineData("""{"detail": {"description": [{"exists": true}]}}""", """{"detail": {}}""", false)]
    [InlineData("""{"detail": {"description": [{"exists": true}]}}""", """{"source": "x"}""", false)]
    // Wildcard: "*" is any run of characters, "\*" a literal asterisk.
    [InlineData("""{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}""", """{"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"}""", true)]
    [InlineData("""{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}""", """{"EventBusArn": "arn:aws:events:eu-west-1:123456789012:event-bus/default"}""", false)]
    [InlineData("""{"x": [{"wildcard": "a\\*b"}]}""", """{"x": "a*b"}""", true)]
    [InlineData("""{"x": [{"wildcard": "a\\*b"}]}""", """{"x": "axxb"}""", false)]
    // $or: any alternative, at any level.
    [InlineData("""{"detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}, {"x-limit": [{"numeric": ["=", 3.018e2]}]}]}}""", """{"detail": {"d-count": 3}}""", true)]
    [InlineData("""{"detail": {"$or": [{"c-count": [{"numeric": [">", 0, "<=", 5]}]}, {"d-count": [{"numeric": ["<", 10]}]}, {"x-limit": [{"numeric": ["=", 3.018e2]}]}]}}""", """{"detail": {"d-count": 30}}""", false)]
    [InlineData("""{"source": ["aws.ec2"], "$or": [{"detail-type": ["a"]}, {"detail": {"state": ["running"]}}]}""", """{"source": "aws.ec2", "detail-type": "b", "detail": {"state": "running"}}""", true)]
    [InlineData("""{"source": ["aws.ec2"], "$or": [{"detail-type": ["a"]}, {"detail": {"state": ["running"]}}]}""", """{"source": "aws.s3", "detail-type": "a"}""", false)]
    // Exact matching is typed and case-sensitive: the string "5" is not the number 5.
    [InlineData("""{"n": [5]}""", """{"n": 5.0}""", true)]
    [InlineData("""{"n": [5]}""", """{"n": "5"}""", false)]
    [InlineData("""{"b": [true]}""", """{"b": true}""", true)]
    [InlineData("""{"b": [null]}""", """{"b": null}""", true)]
    // The complex example combining prefix, anything-but and numeric.
    [InlineData("""{"time": [{"prefix": "2017-10-02"}], "detail": {"state": [{"anything-but": "initializing"}], "c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}], "x-limit": [{"anything-but": [100, 200, 300]}]}}""",
        """{"time": "2017-10-02T00:00:00Z", "detail": {"state": "running", "c-count": 1, "d-count": 2, "x-limit": 400}}""", true)]
    public void Matches_ShouldFollowTheUserGuide(string pattern, string eventJson, bool expected)
    {
        Assert.Equal(expected, EventPatternMatcher.Matches(pattern, eventJson));
    }

    [Fact]
    public void Matches_WhenTheEventValueIsAnArray_ShouldMatchIfAnyElementDoes()
    {
        // The guide's example: the first pattern value matches the event array's second item.
        const string pattern = """
            {"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
                           "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f",
                           "arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f"]}
            """;
        const string matching = """
            {"resources": ["arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate",
                           "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}
            """;

        Assert.True(EventPatternMatcher.Matches(pattern, matching));
        Assert.False(EventPatternMatcher.Matches(pattern, """{"resources": ["arn:aws:ec2:us-east-1:999999999999:instance/i-b188560f"]}"""));
    }

    [Theory]
    [InlineData("""{"x": [{"contains": "a"}]}""")]
    [InlineData("""{"x": [{"numeric": [">>", 1]}]}""")]
    [InlineData("""{"x": "not-an-array"}""")]
    [InlineData("""{"x": []}""")]
    public void Matches_WhenThePatternUsesSomethingUnknown_ShouldThrowInsteadOfNotMatching(string pattern)
    {
        Assert.Throws<ArgumentException>(() => EventPatternMatcher.Matches(pattern, """{"x": "a"}"""));
    }
}
