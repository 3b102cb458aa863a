using System.Globalization;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Testing.Ledger;

/// <summary>A pipeline with one threshold rule (10 GetSecretValue calls by one principal within 10 minutes) and its events.</summary>
public static class ThresholdEvents
{
    private const string Table = """
        {"rules":[{"id":"threshold-reads","kind":"cloudtrail","eventSource":"secretsmanager.amazonaws.com","eventNames":["GetSecretValue"],
          "threshold":{"count":10,"withinMinutes":10,"groupBy":["principal"],"counted":"secret reads"},"severity":"High","title":"Many reads","why":"w","next":"n"}]}
        """;

    public static AlertPipeline Pipeline(IAlertLedger ledger, IAlertPublisher publisher, TimeProvider clock) => new(
        new AlertPolicy(RiskTableLoader.Load(System.Text.Encoding.UTF8.GetBytes(Table), "t.json"),
            ExemptionLoader.Load("""{"exemptions":[]}"""u8, "e.json", clock.GetUtcNow())),
        ledger, publisher, clock);

    /// <summary>The <paramref name="i"/>th read, one second after the one before.</summary>
    public static ParsedEvent Read(int i)
    {
        var time = new DateTimeOffset(2025, 6, 1, 11, 50, 0, TimeSpan.Zero).AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var json = "{\"version\":\"0\",\"id\":\"env-" + i + "\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.secretsmanager\",\"account\":\"111122223333\","
            + "\"time\":\"" + time + "\",\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"eventVersion\":\"1.11\","
            + "\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"userName\":\"alice\"},"
            + "\"eventTime\":\"" + time + "\",\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventName\":\"GetSecretValue\",\"awsRegion\":\"us-east-1\","
            + "\"sourceIPAddress\":\"198.51.100.7\",\"requestParameters\":{\"secretId\":\"s" + i + "\"},\"eventID\":\"ev-" + i + "\",\"eventType\":\"AwsApiCall\","
            + "\"recipientAccountId\":\"111122223333\"}}";
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return EventParser.Parse(document.RootElement.Clone());
    }
}
