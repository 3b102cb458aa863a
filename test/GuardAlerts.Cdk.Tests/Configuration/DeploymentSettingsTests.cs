using GuardAlerts.Cdk.Configuration;
using GuardAlerts.Core;

namespace GuardAlerts.Cdk.Tests.Configuration;

public sealed class DeploymentSettingsTests
{
    [Fact]
    public void FromContext_WhenEmpty_ShouldUseTheDefaults()
    {
        var settings = DeploymentSettings.FromContext(_ => null);

        Assert.Empty(settings.AlertEmails);
        Assert.Empty(settings.AlertPhones);
        Assert.Equal(Severity.High, settings.SmsMinSeverity);
        Assert.Equal(["High", "Critical"], settings.SmsSeverities);
        Assert.False(settings.CreateTrail);
        Assert.Empty(settings.Regions);
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
        };

        var error = Assert.Throws<DeploymentSettingsException>(() => DeploymentSettings.FromContext(k => context.GetValueOrDefault(k)));

        foreach (var key in context.Keys)
        {
            Assert.Contains(key + ":", error.Message, StringComparison.Ordinal);
        }
    }
}
