using System.Globalization;
using System.Text;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Aws.Sns;

/// <summary>The form-encoded body of an SNS Query API Publish request.</summary>
internal static class SnsQueryBody
{
    /// <summary>
    /// Builds Action=Publish&amp;Version=2010-03-31&amp;... SNS accepts the parameters in any order; this order is the
    /// official SDKs' (so the conformance test can compare bytes).
    /// </summary>
    public static byte[] Publish(string topicArn, RenderedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = new StringBuilder(alert.MessageJson.Length * 2);
        Add(body, "Action", "Publish");
        Add(body, "Version", "2010-03-31");
        Add(body, "Message", alert.MessageJson);
        Add(body, "TopicArn", topicArn);
        Add(body, "Subject", alert.Subject);
        Add(body, "MessageStructure", "json");
        var n = 0;
        foreach (var (name, value) in alert.Attributes)
        {
            n++;
            var prefix = "MessageAttributes.entry." + n.ToString(CultureInfo.InvariantCulture);
            Add(body, prefix + ".Name", name);
            Add(body, prefix + ".Value.DataType", "String");
            Add(body, prefix + ".Value.StringValue", value);
        }

        return Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>
    /// RFC 3986 percent-encoding of the UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay literal; space is %20 (not +),
    /// and !'()* are encoded too, as SigV4 and the AWS SDKs do.
    /// </summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        AppendEncoded(builder, value);
        return builder.ToString();
    }

    private static void Add(StringBuilder body, string name, string value)
    {
        if (body.Length > 0)
        {
            body.Append('&');
        }

        AppendEncoded(body, name);
        body.Append('=');
        AppendEncoded(body, value);
    }

    private static void AppendEncoded(StringBuilder builder, string value)
    {
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }
}
