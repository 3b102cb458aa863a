using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core;

namespace GuardAlerts.Cdk.Tests.Configuration;

public sealed class DeploymentSettingsTests
{
    [Fact]
    public void FromContext_WithOnlyAnAddress_ShouldUseTheDefaults()
    {
        var settings = DeploymentSettings.FromContext(k => k == "alertEmails" ? "a@x.com" : null);

        Assert.Empty(settings.AlertPhones);
        // A text at night only for Critical: an everyday change must not wake anyone.
        Assert.Equal(Severity.Critical, settings.SmsMinSeverity);
        Assert.Equal(["Critical"], settings.SmsSeverities);
        Assert.False(settings.CreateTrail);
        Assert.Equal("us-east-1", settings.TrailRegion);
        Assert.False(settings.AllowNoSubscribers);
        Assert.Empty(settings.Regions);
    }

    [Fact]
    public void FromContext_WithNoSubscriber_ShouldRefuseUnlessAllowed()
    {
        var error = Assert.Throws<DeploymentSettingsException>(() => DeploymentSettings.FromContext(_ => null));
        Assert.Contains("no subscriber", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowNoSubscribers=true", error.Message, StringComparison.Ordinal);

        var allowed = DeploymentSettings.FromContext(k => k == "allowNoSubscribers" ? "true" : null);
        Assert.True(allowed.AllowNoSubscribers);
        Assert.Empty(allowed.AlertEmails);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Medium")]
    [InlineData("Low")]
    public void FromContext_WithPhonesButNoEmail_ShouldRefuseWhatSmsLeavesToNobody(string? smsMinSeverity)
    {
        var context = new Dictionary<string, object?> { ["alertPhones"] = "+15551234567", ["smsMinSeverity"] = smsMinSeverity };

        var error = Assert.Throws<DeploymentSettingsException>(() => DeploymentSettings.FromContext(k => context.GetValueOrDefault(k)));

        Assert.Contains("alertPhones without alertEmails", error.Message, StringComparison.Ordinal);
        Assert.Contains($"below {smsMinSeverity ?? "Critical"} would reach nobody", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowNoSubscribers=true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alertEmails", "a@x.com")]
    [InlineData("smsMinSeverity", "Informational")]
    [InlineData("allowNoSubscribers", "true")]
    public void FromContext_WithPhonesAndSomeoneForEveryAlertOrConsent_ShouldAccept(string key, string value)
    {
        var context = new Dictionary<string, object> { ["alertPhones"] = "+15551234567", [key] = value };

        var settings = DeploymentSettings.FromContext(k => context.GetValueOrDefault(k));

        Assert.Equal(["+15551234567"], settings.AlertPhones);
    }

    [Fact]
    public void FromContext_WithAMisspeltKey_ShouldNameItAndTheKnownKeys()
    {
        var context = new Dictionary<string, object> { ["alertEmail"] = "a@x.com", ["alertPhones"] = "+15551234567" };

        var error = Assert.Throws<DeploymentSettingsException>(() => DeploymentSettings.FromContext(k => context.GetValueOrDefault(k), context.Keys));

        Assert.Contains("unknown setting 'alertEmail'", error.Message, StringComparison.Ordinal);
        foreach (var known in new[] { "alertEmails", "alertPhones", "smsMinSeverity", "createTrail", "trailRegion", "regions", "allowNoSubscribers" })
        {
            Assert.Contains(known, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FromContext_WithTheCdksOwnKeys_ShouldLeaveThemAlone()
    {
        string[] keys =
        [
            "@aws-cdk/core:checkSecretUsage", "aws:cdk:enable-path-metadata", "aws:cdk:bundling-stacks", "cdk-bootstrap-qualifier",
            "acknowledged-issue-numbers", "availability-zones:account=111122223333:region=us-east-1", "alertEmails",
        ];

        var settings = DeploymentSettings.FromContext(k => k == "alertEmails" ? "a@x.com" : null, keys);

        Assert.Equal(["a@x.com"], settings.AlertEmails);
    }

    [Fact]
    public void FromContext_WithATrailRegionOutsideTheRegions_ShouldRefuse()
    {
        var context = new Dictionary<string, object> { ["alertEmails"] = "a@x.com", ["createTrail"] = "true", ["regions"] = "eu-west-1,eu-north-1" };

        var error = Assert.Throws<DeploymentSettingsException>(() => DeploymentSettings.FromContext(k => context.GetValueOrDefault(k)));
        Assert.Contains("trailRegion us-east-1", error.Message, StringComparison.Ordinal);

        context["trailRegion"] = "eu-north-1";
        Assert.Equal("eu-north-1", DeploymentSettings.FromContext(k => context.GetValueOrDefault(k)).TrailRegion);
    }

    [Fact]
    public void FromContext_WithCommaSeparatedValues_ShouldSplitTrimAndDeduplicate()
    {
        var context = new Dictionary<string, object>
        {
            ["alertEmails"] = "a@x.com, b@y.com,a@x.com",
            ["alertPhones"] = "+15551234567",
            ["smsMinSeverity"] = "critical",
            ["createTrail"] = "true",
            ["regions"] = "us-east-1,eu-north-1",
        };

        var settings = DeploymentSettings.FromContext(k => context.GetValueOrDefault(k));

        Assert.Equal(["a@x.com", "b@y.com"], settings.AlertEmails);
        Assert.Equal(["+15551234567"], settings.AlertPhones);
        Assert.Equal(["Critical"], settings.SmsSeverities);
        Assert.True(settings.CreateTrail);
        Assert.Equal(["us-east-1", "eu-north-1"], settings.Regions);
    }

    [Fact]
    public void FromContext_WithJsonValuesFromCdkJson_ShouldAcceptArraysAndBooleans()
    {
        var context = new Dictionary<string, object> { ["alertEmails"] = new object[] { "a@x.com" }, ["createTrail"] = true };

        var settings = DeploymentSettings.FromContext(k => context.GetValueOrDefault(k));

        Assert.Equal(["a@x.com"], settings.AlertEmails);
        Assert.True(settings.CreateTrail);
    }

    [Fact]
    public void FromContext_WithInvalidValues_ShouldNameEverySettingAtOnce()
    {
        var context = new Dictionary<string, object>
        {
            ["alertEmails"] = "not-an-address",
            ["alertPhones"] = "5551234567",
            ["smsMinSeverity"] = "Urgent",
            ["createTrail"] = "yes",
            ["regions"] = "Mars-1",
            ["trailRegion"] = "moon",
            ["allowNoSubscribers"] = "perhaps",
        };

        var error = Assert.Throws<DeploymentSettingsException>(() => DeploymentSettings.FromContext(k => context.GetValueOrDefault(k)));

        foreach (var key in context.Keys)
        {
            Assert.Contains(key + ":", error.Message, StringComparison.Ordinal);
        }
    }
}
