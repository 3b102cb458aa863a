using System.Text.Json;
using GuardAlerts.Cdk.Configuration;

namespace GuardAlerts.Cdk.Tests.Configuration;

public sealed class SubscriptionFiltersTests
{
    [Fact]
    public void Email_ShouldDropOnlyTheCanary()
    {
        Assert.Equal("""{"canary":[{"exists":false}]}""", JsonSerializer.Serialize(SubscriptionFilters.Email()));
    }

    [Fact]
    public void Sms_ShouldPassTheSeveritiesButNeverTheCanary()
    {
        var policy = JsonSerializer.Serialize(SubscriptionFilters.Sms(["High", "Critical"]));

        Assert.Equal("""{"canary":[{"exists":false}],"severity":["High","Critical"]}""", policy);
    }
}
