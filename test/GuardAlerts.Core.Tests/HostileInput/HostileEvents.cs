using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GuardAlerts.Core.Tests.Support;

namespace GuardAlerts.Core.Tests.HostileInput;

/// <summary>Valid base events for the hostile-input catalogue, with seams to put hostile text or JSON in.</summary>
internal static class HostileEvents
{
    /// <summary>Text a user chose, with CR/LF that would forge a second subject or log line if it got through.</summary>
    public const string Marker = "INJECTED";

    /// <summary>A JSON string literal (quotes included) holding <paramref name="text"/> exactly, non-ASCII kept as UTF-8.</summary>
    public static string Str(string text) => "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>StopLogging by IAM user alice: alerts High under rule cloudtrail-logging-stopped.</summary>
    public static string StopLogging(string id = "bad", string? userIdentity = null, string requestParameters = """{"name":"main"}""") =>
        Json.ApiCall("StopLogging", "cloudtrail.amazonaws.com", userIdentity ?? Json.IamUser, ",\"requestParameters\":" + requestParameters, id: id);

    /// <summary>An IAM user whose user name (and ARN) the caller controls.</summary>
    public static string IamUser(string userName) =>
        "{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":" + Str("arn:aws:iam::111122223333:user/" + userName)
        + ",\"accountId\":\"111122223333\",\"userName\":" + Str(userName) + "}";

    /// <summary>A role session whose session name the caller chose.</summary>
    public static string Session(string session) =>
        "{\"type\":\"AssumedRole\",\"principalId\":" + Str("AROAEXAMPLE:" + session) + ",\"arn\":" + Str("arn:aws:sts::111122223333:assumed-role/Deployer/" + session)
        + ",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLE\","
        + "\"arn\":\"arn:aws:iam::111122223333:role/Deployer\",\"accountId\":\"111122223333\",\"userName\":\"Deployer\"},"
        + "\"attributes\":{\"mfaAuthenticated\":\"false\",\"creationDate\":\"2026-10-01T09:00:00Z\"}}}";

    /// <summary>A port probe finding scored 8.0: alerts High under rule guardduty-recon.</summary>
    public static string PortProbe(string id = "f-bad", string severity = "8.0", string extra = "") =>
        Json.Finding("Recon:EC2/PortProbeUnprotectedPort", 8.0, extra: extra, id: id).Replace("\"severity\":8,", "\"severity\":" + severity + ",", StringComparison.Ordinal);

    /// <summary>The valid event put after every hostile one: it must still be decided (an alert).</summary>
    public static string Trailer => PortProbe("f-trailer");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Replaces exactly one occurrence (fails loudly if the base event changed shape).</summary>
    public static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(find, at + find.Length, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{find}' must occur exactly once");
        }

        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
