using GuardAlerts.Core.Events;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Pipeline;
using GuardAlerts.Core.Policy;
using GuardAlerts.Core.Rules;
using GuardAlerts.Core.Tests.Support;
using GuardAlerts.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GuardAlerts.Core.Tests.Thresholds;

/// <summary>A table with one counting and one distinct threshold rule (N=3 within 10 minutes), and events for them.</summary>
internal static class ThresholdPolicy
{
    public static readonly DateTimeOffset Now = new(2026, 10, 2, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 10, 0, 0, TimeSpan.Zero);

    public const string TableJson = """
        {"rules":[
          {"id":"secret-read","kind":"cloudtrail","eventSource":"secretsmanager.amazonaws.com","eventNames":["DeleteSecret"],"severity":"High","title":"t","why":"w","next":"n"},
          {"id":"threshold-reads","kind":"cloudtrail","eventSource":"secretsmanager.amazonaws.com","eventNames":["GetSecretValue"],
           "threshold":{"count":3,"withinMinutes":10,"groupBy":["principal"],"counted":"secret reads"},"severity":"High","title":"Many reads","why":"w","next":"n"},
          {"id":"threshold-distinct-secrets","kind":"cloudtrail","eventSource":"secretsmanager.amazonaws.com","eventNames":["DescribeSecret"],
           "threshold":{"count":3,"withinMinutes":10,"groupBy":["principal"],"distinct":"requestParameters.secretId","counted":"distinct secrets described"},"severity":"High","title":"Many secrets","why":"w","next":"n"},
          {"id":"threshold-refused","kind":"cloudtrail","errorCodes":["AccessDenied"],
           "threshold":{"count":3,"withinMinutes":10,"groupBy":["principal"],"counted":"refused calls"},"severity":"Medium","title":"Refusals","why":"w","next":"n"}
        ]}
        """;

    public static AlertPolicy NewPolicy(string exemptions = """{"exemptions":[]}""") =>
        new(RiskTableLoader.Load(Json.Utf8(TableJson), "t.json"), ExemptionLoader.Load(Json.Utf8(exemptions), "e.json", Now));

    public static AlertPipeline NewPipeline(IAlertLedger? ledger = null, IAlertPublisher? publisher = null, AlertPolicy? policy = null) =>
        new(policy ?? NewPolicy(), ledger ?? new InMemoryAlertLedger(), publisher ?? new RecordingPublisher(), new FakeTimeProvider(Now));

    /// <summary>A GetSecretValue (or <paramref name="name"/>) by alice at <paramref name="time"/>, with its own event id.</summary>
    public static ParsedEvent Read(DateTimeOffset time, string id, string name = "GetSecretValue", string secret = "s1", string extra = "") =>
        Json.Event(Json.ApiCall(name, "secretsmanager.amazonaws.com", Json.IamUser,
            ",\"requestParameters\":{\"secretId\":\"" + secret + "\"}" + extra, time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), id));

    public static async Task<List<Decision>> RunAsync(AlertPipeline pipeline, IEnumerable<ParsedEvent> events)
    {
        var decisions = new List<Decision>();
        foreach (var e in events)
        {
            decisions.Add(await pipeline.ProcessAsync(e));
        }

        return decisions;
    }

    public static List<ThresholdAlert> Alerts(IEnumerable<Decision> decisions, string ruleId) =>
        [.. decisions.SelectMany(d => d.Thresholds).Where(t => t.RuleId == ruleId && t.Outcome == Outcome.Alert).Select(t => new ThresholdAlert(t.DedupKey!, t.Count, t.Reason))];
}
