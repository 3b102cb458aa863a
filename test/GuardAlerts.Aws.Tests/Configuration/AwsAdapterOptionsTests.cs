using GuardAlerts.Aws.Configuration;

namespace GuardAlerts.Aws.Tests.Configuration;

public sealed class AwsAdapterOptionsTests
{
    private const string Arn = "arn:aws:sns:eu-central-1:123456789012:alerts";

    [Fact]
    public void FromEnvironment_WhenOnlyTableAndTopicAreSet_ShouldTakeRegionAndEndpointFromTheArn()
    {
        var options = AwsAdapterOptions.FromEnvironment(Env(("GUARDALERTS_TABLE", "ledger"), ("GUARDALERTS_TOPIC_ARN", Arn)));

        Assert.Equal("ledger", options.TableName);
        Assert.Equal("eu-central-1", options.Region);
        Assert.Equal(new Uri("https://sns.eu-central-1.amazonaws.com/"), options.SnsEndpoint);
        Assert.Equal(AwsAdapterOptions.DefaultLeaseDuration, options.LeaseDuration);
    }

    [Fact]
    public void FromEnvironment_WhenAwsRegionIsSet_ShouldPreferItOverTheArn()
    {
        var options = AwsAdapterOptions.FromEnvironment(Env(("AWS_REGION", "us-west-2")), "ledger", Arn);

        Assert.Equal("us-west-2", options.Region);
        Assert.Equal(new Uri("https://sns.us-west-2.amazonaws.com/"), options.SnsEndpoint);
    }

    [Fact]
    public void FromEnvironment_WhenServiceEndpointAndGlobalEndpointAreSet_ShouldPreferTheSnsOne()
    {
        var options = AwsAdapterOptions.FromEnvironment(
            Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9911")), "ledger", Arn);

        Assert.Equal(new Uri("http://127.0.0.1:9911"), options.SnsEndpoint);
    }

    [Fact]
    public void FromEnvironment_WhenOnlyGlobalEndpointIsSet_ShouldUseIt()
    {
        var options = AwsAdapterOptions.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")), "ledger", Arn);

        Assert.Equal(new Uri("http://127.0.0.1:4566"), options.SnsEndpoint);
    }

    [Fact]
    public void FromEnvironment_WhenConfiguredEndpointsAreIgnored_ShouldUseThePublicEndpoint()
    {
        var options = AwsAdapterOptions.FromEnvironment(
            Env(("AWS_ENDPOINT_URL_SNS", "http://127.0.0.1:9911"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")), "ledger", Arn);

        Assert.Equal(new Uri("https://sns.eu-central-1.amazonaws.com/"), options.SnsEndpoint);
    }

    [Fact]
    public void FromEnvironment_WhenTopicIsInChina_ShouldUseTheChinaDnsSuffix()
    {
        var options = AwsAdapterOptions.FromEnvironment(Env(), "ledger", "arn:aws-cn:sns:cn-north-1:123456789012:alerts");

        Assert.Equal(new Uri("https://sns.cn-north-1.amazonaws.com.cn/"), options.SnsEndpoint);
    }

    [Fact]
    public void FromEnvironment_WhenAChatTopicIsSet_ShouldReadItAndWithoutOneHaveNone()
    {
        var chat = AwsAdapterOptions.FromEnvironment(Env(("GUARDALERTS_CHAT_TOPIC_ARN", "arn:aws:sns:eu-central-1:123456789012:chat")), "ledger", Arn);
        var none = AwsAdapterOptions.FromEnvironment(Env(), "ledger", Arn);

        Assert.Equal("arn:aws:sns:eu-central-1:123456789012:chat", chat.ChatTopic?.Value);
        Assert.Null(none.ChatTopic);
    }

    [Fact]
    public void FromEnvironment_WhenNothingIsSet_ShouldNameEveryMissingVariable()
    {
        var error = Assert.Throws<AwsOptionsException>(() => AwsAdapterOptions.FromEnvironment(Env()));

        Assert.Contains(error.Errors, e => e.StartsWith("GUARDALERTS_TABLE", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("GUARDALERTS_TOPIC_ARN", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("GUARDALERTS_TOPIC_ARN", "arn:aws:sqs:eu-west-1:123456789012:q")]
    [InlineData("GUARDALERTS_TOPIC_ARN", "alerts")]
    [InlineData("AWS_ENDPOINT_URL_SNS", "localhost:4566")]
    [InlineData("AWS_ENDPOINT_URL", "ftp://127.0.0.1")]
    [InlineData("GUARDALERTS_LEASE_SECONDS", "2")]
    [InlineData("GUARDALERTS_LEASE_SECONDS", "ten")]
    [InlineData("GUARDALERTS_TABLE", "ab")]
    [InlineData("GUARDALERTS_CHAT_TOPIC_ARN", "https://hooks.slack.com/services/T0/B0/x")]
    public void FromEnvironment_WhenAVariableIsInvalid_ShouldNameIt(string name, string value)
    {
        var variables = new Dictionary<string, string?>
        {
            ["GUARDALERTS_TABLE"] = "ledger",
            ["GUARDALERTS_TOPIC_ARN"] = Arn,
            [name] = value,
        };

        var error = Assert.Throws<AwsOptionsException>(() => AwsAdapterOptions.FromEnvironment(n => variables.GetValueOrDefault(n)));

        var only = Assert.Single(error.Errors);
        Assert.StartsWith(name, only, StringComparison.Ordinal);
        Assert.Contains(value, only, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_WhenLeaseIsSet_ShouldUseIt()
    {
        var options = AwsAdapterOptions.FromEnvironment(Env(("GUARDALERTS_LEASE_SECONDS", "90")), "ledger", Arn);

        Assert.Equal(TimeSpan.FromSeconds(90), options.LeaseDuration);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
