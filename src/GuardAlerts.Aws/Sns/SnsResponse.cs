using System.Xml;
using System.Xml.Linq;

namespace GuardAlerts.Aws.Sns;

/// <summary>A parsed SNS Query API response: a MessageId, or an error code and message.</summary>
internal sealed record SnsResponse(string? MessageId, string? ErrorCode, string? ErrorMessage, string? RequestId)
{
    /// <summary>
    /// Parses &lt;PublishResponse&gt;&lt;PublishResult&gt;&lt;MessageId&gt; or
    /// &lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;. Elements are matched by local name
    /// (the success body is namespaced, error bodies are not always). A body that is not XML (a proxy's HTML
    /// page) yields no code; the caller then goes by the HTTP status.
    /// </summary>
    public static SnsResponse Parse(string body)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(body);
        }
        catch (XmlException)
        {
            return new SnsResponse(null, null, null, null);
        }

        string? First(string localName) =>
            document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();

        var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        if (error is not null)
        {
            string? Child(string localName) => error.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value.Trim();
            return new SnsResponse(null, Child("Code"), Child("Message"), First("RequestId"));
        }

        return new SnsResponse(First("MessageId"), null, null, First("RequestId"));
    }
}
