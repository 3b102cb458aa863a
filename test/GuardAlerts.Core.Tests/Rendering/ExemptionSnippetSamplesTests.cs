using System.Text.Json.Nodes;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Rendering;
using GuardAlerts.Core.Tests.Samples;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;

namespace GuardAlerts.Core.Tests.Rendering;

/// <summary>
/// The "Expected activity?" snippet of every sample in events/: validation accepts it, it exempts the event it came
/// from, and it does not exempt the same event done by someone else. When no such snippet exists the alert says so.
/// </summary>
public class ExemptionSnippetSamplesTests
{
    // SampleRun's clock: the rendered alerts were made at this time.
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private const string OtherUser = """{"type":"IAMUser","principalId":"AIDAOTHERACTOR","arn":"arn:aws:iam::ACCOUNT:user/mallory","accountId":"ACCOUNT","accessKeyId":"AKIAOTHERACTOR","userName":"mallory"}""";

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in SampleRun.Files())
        {
            data.Add(Path.GetRelativePath(RepoPaths.Events, file));
        }

        return data;
    }

    private static List<JsonObject> Events(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Events, file)))!;
        return node is JsonArray array ? array.Select(n => n!.AsObject()).ToList() : [node.AsObject()];
    }

    /// <summary>The same event by another actor: an IAM user for a CloudTrail call, another user's key for a finding.</summary>
    private static SecurityEvent ByAnotherActor(JsonObject original)
    {
        var copy = original.DeepClone().AsObject();
        var detail = copy["detail"]!.AsObject();
        var account = (string?)copy["account"] ?? "111122223333";
        if ((string?)copy["detail-type"] == "GuardDuty Finding")
        {
            detail["resource"]!.AsObject()["accessKeyDetails"] = JsonNode.Parse(
                """{"accessKeyId":"AKIAOTHERACTOR","principalId":"AIDAOTHERACTOR","userName":"mallory","userType":"IAMUser"}""");
        }
        else
        {
            detail["userIdentity"] = JsonNode.Parse(OtherUser.Replace("ACCOUNT", account, StringComparison.Ordinal));
        }

        return Json.Valid(copy.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void For_WhenSample_ShouldBeValidAndMatchThisActorOnly(string file)
    {
        foreach (var json in Events(file))
        {
            var e = Json.Valid(json.ToJsonString());
            var actor = new ActorAttributor().Attribute(e);
            var snippet = ExemptionSnippet.For(e, actor, Now);
            if (snippet is null)
            {
                Assert.False(string.IsNullOrEmpty(ExemptionSnippet.WhyNone(e, actor)));
                continue;
            }

            var (list, errors) = ExemptionLoader.TryLoad(Json.Utf8("{\"exemptions\":[" + snippet + "]}"), "exemptions.json", Now);
            Assert.True(list is not null && errors.Count == 0, $"{file}: {string.Join("; ", errors)}\n{snippet}");
            Assert.True(list.Find(e, actor, Now) is not null, $"{file}: the snippet does not exempt its own event\n{snippet}");

            var other = ByAnotherActor(json);
            Assert.True(list.Find(other, new ActorAttributor().Attribute(other), Now) is null, $"{file}: the snippet also exempts another actor\n{snippet}");
        }
    }

    [Theory]
    [InlineData("cloudtrail/AssumeRole-ignored-aws-service-lambda.json", "AWSService")]
    [InlineData("cloudtrail/CreateToken-ignored-identity-center-cli-login.json", "IdentityCenterUser")]
    [InlineData("guardduty/Backdoor_EC2_C_CActivity.B_DNS.json", "Unknown")]
    public void For_WhenTheActorHasNoArn_ShouldOfferNoSnippetAndSayWhy(string file, string identityType)
    {
        var e = Json.Valid(Events(file)[0].ToJsonString());
        var actor = new ActorAttributor().Attribute(e);

        Assert.Equal(identityType, actor.IdentityType);
        Assert.Null(ExemptionSnippet.For(e, actor, Now));
        Assert.Contains("exempt everyone", ExemptionSnippet.WhyNone(e, actor), StringComparison.Ordinal);
    }

    [Fact]
    public void For_WhenCrossAccountCaller_ShouldOfferNoSnippet()
    {
        var e = Json.Valid(Json.ApiCall("PutBucketPolicy", "s3.amazonaws.com", """{"type":"AWSAccount","principalId":"AIDAEXAMPLE","accountId":"444455556666"}"""));

        Assert.Null(ExemptionSnippet.For(e, new ActorAttributor().Attribute(e), Now));
    }

    [Fact]
    public async Task RenderedAlerts_WhenSamplesReplayed_ShouldCarryTheSnippetOrSayNoneIsSafe()
    {
        var results = await SampleRun.GetAsync();
        var index = 0;
        var checkedAlerts = 0;
        foreach (var file in SampleRun.Files())
        {
            foreach (var json in Events(Path.GetRelativePath(RepoPaths.Events, file)))
            {
                var decision = results[index++].Decision;
                if (decision.Outcome != Outcome.Alert)
                {
                    continue;
                }

                var e = Json.Valid(json.ToJsonString());
                var body = decision.Alert!.EmailBody;
                var snippet = ExemptionSnippet.For(e, new ActorAttributor().Attribute(e), Now);
                Assert.True(snippet is null ? body.Contains("No exemption can be suggested safely", StringComparison.Ordinal) : body.Contains(snippet, StringComparison.Ordinal),
                    $"{file}: the alert does not carry {(snippet is null ? "the no-snippet notice" : "its snippet")}");
                checkedAlerts++;
            }
        }

        Assert.Equal(results.Count, index);
        Assert.True(checkedAlerts > 100);
    }
}
