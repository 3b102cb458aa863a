using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using NJsonSchema;

namespace GuardAlerts.Core.Tests.Exemptions;

/// <summary>
/// config/exemptions.schema.json, which other tools validate against before writing the file, refuses what the loader
/// refuses wherever JSON Schema can say it, and accepts what the loader accepts.
/// </summary>
public class ExemptionSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Config, "exemptions.schema.json")).GetAwaiter().GetResult());

    private static string File(string match) =>
        $$"""{"exemptions":[{"id":"e1","reason":"r","owner":"o","expires":"2027-01-01","action":"suppress","match":{{match}}}]}""";

    private static bool LoaderAccepts(string match) =>
        ExemptionLoader.TryLoad(Json.Utf8(File(match)), "ex.json", new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)).List is not null;

    [Theory]
    [InlineData("""{"accounts":"111122223333","eventNames":"*"}""")]
    [InlineData("""{"accounts":"111122223333","regions":["us-east-1","*-*-*"]}""")]
    [InlineData("""{"accounts":"111122223333","findingTypes":"*:*/*"}""")]
    [InlineData("""{"accounts":"*"}""")]
    [InlineData("""{"principalArns":["*"]}""")]
    [InlineData("""{"principalArns":"arn:aws:sts::111122223333:assumed-role/Deployer/ci"}""")]
    [InlineData("""{"sourceIps":"10.0.0.0/8","eventNames":"StopLogging"}""")]
    [InlineData("""{"sessionNames":"StaxHelper","regions":"us-east-1"}""")]
    public void Validate_WhenMatchIsABlindSpotTheSchemaCanSee_ShouldRefuseLikeTheLoader(string match)
    {
        Assert.NotEmpty(Schema.Value.Validate(File(match)));
        Assert.False(LoaderAccepts(match));
    }

    [Theory]
    [InlineData("""{"principalArns":"arn:aws:iam::111122223333:role/*"}""")]
    [InlineData("""{"accounts":"111122223333","sourceIps":"10.0.0.0/8"}""")]
    [InlineData("""{"samlProviders":"staxid","sessionNames":"*"}""")]
    [InlineData("""{"findingTypes":"UnauthorizedAccess:IAMUser/*"}""")]
    [InlineData("""{"accounts":"111122223333","eventNames":"Create*","regions":"us-*"}""")]
    public void Validate_WhenMatchNamesWhatItExempts_ShouldAcceptLikeTheLoader(string match)
    {
        Assert.Empty(Schema.Value.Validate(File(match)));
        Assert.True(LoaderAccepts(match));
    }
}
