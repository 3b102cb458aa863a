using System.Globalization;
using System.Text;

namespace GuardAlerts.Core.Tests.Support;

/// <summary>
/// Seeded random CloudTrail records for differential tests: every identity type, fields missing, null or of the wrong
/// type, escapes (valid and lone surrogates), failed calls, odd timestamps, duplicate properties, envelopes and covered names.
/// </summary>
internal static class RandomRecords
{
    private static readonly string[] Names = ["DescribeInstances", "GetObject", "Decrypt", "AssumeRole", "ListRoles", "StopLogging", "CreateUser", "ConsoleLogin", "AssumeRoleWithSAML", " ", "Get\\u004fbject", "Describe\u00e9"];
    private static readonly string[] Types = ["IAMUser", "AssumedRole", "Root", "FederatedUser", "AWSService", "AWSAccount", "SAMLUser", "WebIdentityUser", "IdentityCenterUser", "Unknown", "Weird"];
    private static readonly string[] Times = ["\"2026-10-17T12:03:07Z\"", "\"2026-10-17T12:03:07.123Z\"", "\"2026-10-17T14:03:07+02:00\"", "\"2026-02-30T00:00:00Z\"", "\"not a time\"", "1760702587", "null", "\"2026-10-17 12:03:07\""];
    private static readonly string[] Agents = ["aws-cli/2.18.4", "Terraform/1.9 (+https://www.terraform.io)", "ua with \\\"quote\\\"", "bad \\ud800 surrogate", "emoji \\ud83d\\ude00 pair", "console.amazonaws.com"];

    public static IEnumerable<string> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return One(random, i);
        }
    }

    private static string One(Random r, int n)
    {
        var fields = new List<string>
        {
            "\"eventVersion\":\"1.11\"",
            "\"userIdentity\":" + Identity(r),
            "\"eventTime\":" + Pick(r, Times, 0.7),
            "\"eventSource\":" + Pick(r, ["\"ec2.amazonaws.com\"", "\"cloudtrail.amazonaws.com\"", "null", "5"], 0.9),
            "\"eventName\":" + Pick(r, [.. Names.Select(x => "\"" + x + "\""), "null", "7"], 0.0),
            "\"awsRegion\":" + Pick(r, ["\"us-east-1\"", "\"eu-west-1\"", "null", "\"\"", "true"], 0.8),
            "\"sourceIPAddress\":" + Pick(r, ["\"192.0.2.1\"", "\"2001:db8::1\"", "\"ec2.amazonaws.com\""], 0.8),
            "\"userAgent\":\"" + Agents[r.Next(Agents.Length)] + "\"",
            "\"requestParameters\":" + Pick(r, ["{\"roleArn\":\"arn:aws:iam::111122223333:role/x\",\"roleSessionName\":\"s\"}", "null", "{\"a\":{\"b\":[1,2,{\"c\":null}]}}"], 0.6),
            "\"additionalEventData\":" + Pick(r, ["{\"SamlProviderArn\":\"arn:aws:iam::111122223333:saml-provider/idp\"}", "{\"MFAUsed\":\"Yes\"}", "null"], 0.3),
            "\"errorCode\":" + Pick(r, ["null", "\"AccessDenied\"", "\"\""], 0.6),
            "\"eventID\":" + Pick(r, ["\"" + n.ToString(CultureInfo.InvariantCulture) + "-id\"", "null", "42", "{\"x\":1}"], 0.85),
            "\"readOnly\":" + Pick(r, ["true", "false", "\"true\""], 0.9),
            "\"recipientAccountId\":" + Pick(r, ["\"111122223333\"", "\"444455556666\"", "null", "111122223333"], 0.92),
        };
        if (r.NextDouble() < 0.05)
        {
            fields.Insert(r.Next(fields.Count), "\"readOnly\":false"); // a duplicate at the top
        }

        if (r.NextDouble() < 0.05)
        {
            fields.Add("\"resources\":[{\"ARN\":\"a\",\"ARN\":\"b\"}]"); // a duplicate deep inside
        }

        if (r.NextDouble() < 0.03)
        {
            fields.Add(Pick(r, ["\"detail-type\":\"AWS API Call via CloudTrail\"", "\"Records\":[]", "\"detail\":{}", "\"source\":\"aws.ec2\""], 1));
        }

        // Drop some fields, shuffle a little (real records keep an order; parsers must not care).
        var kept = fields.Where(_ => r.NextDouble() > 0.04).ToList();
        if (r.NextDouble() < 0.2)
        {
            var a = r.Next(kept.Count);
            var b = r.Next(kept.Count);
            (kept[a], kept[b]) = (kept[b], kept[a]);
        }

        var json = "{" + string.Join(r.NextDouble() < 0.1 ? ", " : ",", kept) + "}";
        return r.NextDouble() < 0.02 ? json[..r.Next(1, json.Length)] : json; // sometimes truncated
    }

    private static string Identity(Random r)
    {
        var type = Types[r.Next(Types.Length)];
        var sb = new StringBuilder("{");
        sb.Append(r.NextDouble() < 0.9 ? "\"type\":\"" + type + "\"" : "\"type\":null");
        sb.Append(",\"principalId\":\"").Append(r.NextDouble() < 0.2 ? "AROAEXAMPLE:StaxHelper" : "AIDAEXAMPLE").Append('"');
        if (r.NextDouble() < 0.8)
        {
            sb.Append(",\"arn\":\"").Append(type switch
            {
                "AssumedRole" => "arn:aws:sts::111122223333:assumed-role/" + (r.NextDouble() < 0.3 ? "staxid-admin-role" : "app") + "/sess",
                "Root" => "arn:aws:iam::111122223333:root",
                "FederatedUser" => "arn:aws:sts::111122223333:federated-user/carol",
                _ => "arn:aws:iam::111122223333:user/alice",
            }).Append('"');
        }

        sb.Append(r.NextDouble() < 0.7 ? ",\"accountId\":\"111122223333\"" : "");
        sb.Append(r.NextDouble() < 0.5 ? ",\"userName\":\"alice\"" : r.NextDouble() < 0.1 ? ",\"userName\":\"al\\u0069ce\"" : "");
        sb.Append(r.NextDouble() < 0.2 ? ",\"invokedBy\":\"ec2.amazonaws.com\"" : "");
        sb.Append(r.NextDouble() < 0.2 ? ",\"onBehalfOf\":{\"userId\":\"u-1\"}" : "");
        if (r.NextDouble() < 0.5)
        {
            sb.Append(",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::111122223333:role/")
                .Append(r.NextDouble() < 0.3 ? "AWSReservedSSO_Admin_1" : "app").Append("\",\"userName\":\"app\"},\"attributes\":{\"mfaAuthenticated\":\"")
                .Append(r.NextDouble() < 0.5 ? "true" : "false").Append("\"}}");
        }

        if (r.NextDouble() < 0.02)
        {
            sb.Append(",\"type\":\"Root\""); // a duplicate inside userIdentity
        }

        sb.Append('}');
        return r.NextDouble() < 0.05 ? Pick(r, ["null", "\"text\"", "[]"], 1) : sb.ToString();
    }

    private static string Pick(Random r, string[] values, double firstProbability) =>
        r.NextDouble() < firstProbability ? values[0] : values[r.Next(values.Length)];
}
