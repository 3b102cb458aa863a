using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>Writes a GuardDuty finding as one JSON line, camelCase as in an EventBridge event's detail and GetFindings.</summary>
internal static class GuardDutyWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static void Write(Stream stream, string account, GuardDutyFindingPlan finding, Random random)
    {
        var id = RecordWriter.Hex(random, 32);
        var detector = RecordWriter.Hex(random, 32);
        var time = finding.Time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("schemaVersion", "2.0");
            w.WriteString("accountId", account);
            w.WriteString("region", finding.Region);
            w.WriteString("partition", "aws");
            w.WriteString("id", id);
            w.WriteString("arn", $"arn:aws:guardduty:{finding.Region}:{account}:detector/{detector}/finding/{id}");
            w.WriteString("type", finding.Type);
            w.WriteStartObject("resource");
            if (finding.OnInstance)
            {
                w.WriteString("resourceType", "Instance");
                w.WriteStartObject("instanceDetails");
                w.WriteString("instanceId", "i-0" + RecordWriter.Hex(random, 16));
                w.WriteString("instanceType", "t3.medium");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("resourceType", "AccessKey");
                w.WriteStartObject("accessKeyDetails");
                w.WriteString("accessKeyId", "ASIA" + RecordWriter.Hex(random, 16).ToUpperInvariant());
                w.WriteString("principalId", "AROA" + RecordWriter.Hex(random, 17).ToUpperInvariant());
                w.WriteString("userName", "app-orders-task");
                w.WriteString("userType", "AssumedRole");
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartObject("service");
            w.WriteString("serviceName", "guardduty");
            w.WriteString("detectorId", detector);
            w.WriteString("resourceRole", "TARGET");
            w.WriteString("eventFirstSeen", time);
            w.WriteString("eventLastSeen", time);
            w.WriteBoolean("archived", false);
            w.WriteNumber("count", 1);
            w.WriteEndObject();
            w.WriteNumber("severity", finding.Severity);
            w.WriteString("createdAt", time);
            w.WriteString("updatedAt", time);
            w.WriteString("title", finding.Type);
            w.WriteString("description", "Generated finding of type " + finding.Type + ".");
            w.WriteEndObject();
        }

        stream.Write(NewLine);
    }
}
