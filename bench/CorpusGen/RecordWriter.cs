using System.Globalization;
using System.Text.Json;

namespace GuardAlerts.Bench.CorpusGen;

/// <summary>Writes one CloudTrail record with the fields and field order of a real log file.</summary>
internal static class RecordWriter
{
    private static readonly string[] Regions = ["us-east-1", "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2"];

    /// <summary>
    /// Writes one record. <paramref name="value"/>: the secret, parameter, instance or user name a threshold burst
    /// varies (else drawn at random); <paramref name="error"/>: an errorCode the call fails with (else 1 in 50 fail);
    /// <paramref name="region"/>: the awsRegion (else drawn at random; failed sign-ins in us-east-1).
    /// </summary>
    public static void Write(Utf8JsonWriter w, EventKindSpec spec, Principal p, DateTime time, Random random, string? value = null, string? error = null, string? region = null)
    {
        // Drawn even when given, so a corpus without regions keeps its bytes.
        var drawn = Regions[random.Next(Regions.Length)];
        region ??= spec.Variant == "failed" ? "us-east-1" : drawn;
        var signIn = spec.Variant is "failed" or "success" && spec.Name == "ConsoleLogin";
        var failed = error is not null || random.Next(50) == 0;
        w.WriteStartObject();
        w.WriteString("eventVersion", spec.Data ? "1.10" : "1.11");
        WriteIdentity(w, p);
        w.WriteString("eventTime", time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        w.WriteString("eventSource", spec.Source);
        w.WriteString("eventName", spec.Name);
        w.WriteString("awsRegion", region);
        w.WriteString("sourceIPAddress", p.SourceIp);
        w.WriteString("userAgent", p.UserAgent);
        if (spec.Variant == "failed")
        {
            w.WriteString("errorMessage", "Failed authentication");
        }
        else if (failed && spec.Variant != "success")
        {
            w.WriteString("errorCode", error ?? "AccessDenied");
            w.WriteString("errorMessage", $"User: {p.Arn ?? p.InvokedBy} is not authorized to perform: {spec.Source.Split('.')[0]}:{spec.Name} because no identity-based policy allows the action");
        }

        if (spec.Variant is null || !WriteThresholdRequest(w, spec, p, random, value))
        {
            WriteRequest(w, spec, p, random);
        }
        if (spec.Data && spec.Source == "s3.amazonaws.com")
        {
            w.WriteStartObject("additionalEventData");
            w.WriteString("SignatureVersion", "SigV4");
            w.WriteString("CipherSuite", "TLS_AES_128_GCM_SHA256");
            w.WriteNumber("bytesTransferredIn", spec.Name == "PutObject" ? random.Next(100, 5_000_000) : 0);
            w.WriteString("AuthenticationMethod", "AuthHeader");
            w.WriteString("x-amz-id-2", Hex(random, 38));
            w.WriteNumber("bytesTransferredOut", spec.Name == "GetObject" ? random.Next(100, 5_000_000) : 0);
            w.WriteEndObject();
        }

        w.WriteString("requestID", Guid(random));
        w.WriteString("eventID", Guid(random));
        w.WriteBoolean("readOnly", spec.ReadOnly);
        if (spec.Data || spec.Source == "kms.amazonaws.com")
        {
            w.WriteStartArray("resources");
            w.WriteStartObject();
            w.WriteString("accountId", p.Account);
            w.WriteString("type", spec.Source == "kms.amazonaws.com" ? "AWS::KMS::Key" : spec.Source == "s3.amazonaws.com" ? "AWS::S3::Object" : "AWS::DynamoDB::Table");
            w.WriteString("ARN", $"arn:aws:{spec.Source.Split('.')[0]}:{region}:{p.Account}:key/{Guid(random)}");
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteString("eventType", spec.Data ? "AwsApiCall" : signIn ? "AwsConsoleSignIn" : p.Type == "AWSService" ? "AwsServiceEvent" : "AwsApiCall");
        w.WriteBoolean("managementEvent", !spec.Data);
        w.WriteString("recipientAccountId", p.Account);
        if (p.Type == "AWSService")
        {
            w.WriteString("sharedEventID", Guid(random));
        }

        w.WriteString("eventCategory", spec.Data ? "Data" : "Management");
        if (p.Type != "AWSService")
        {
            w.WriteStartObject("tlsDetails");
            w.WriteString("tlsVersion", "TLSv1.3");
            w.WriteString("cipherSuite", "TLS_AES_128_GCM_SHA256");
            w.WriteString("clientProvidedHostHeader", $"{spec.Source.Split('.')[0]}.{region}.amazonaws.com");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter w, Principal p)
    {
        w.WriteStartObject("userIdentity");
        w.WriteString("type", p.Type);
        Optional(w, "principalId", p.PrincipalId);
        Optional(w, "arn", p.Arn);
        if (p.Type != "AWSService")
        {
            w.WriteString("accountId", p.Account);
        }

        Optional(w, "accessKeyId", p.AccessKeyId);
        Optional(w, "userName", p.UserName);
        Optional(w, "invokedBy", p.InvokedBy);
        Optional(w, "identityProvider", p.IdentityProvider);
        if (p.OnBehalfOf is { } userId)
        {
            w.WriteStartObject("onBehalfOf");
            w.WriteString("userId", userId);
            w.WriteString("identityStoreArn", "arn:aws:identitystore::" + p.Account + ":identitystore/d-9067642ac7");
            w.WriteEndObject();
        }

        if (p.IssuerArn is not null || p.Mfa is not null)
        {
            w.WriteStartObject("sessionContext");
            if (p.IssuerArn is { } issuer)
            {
                w.WriteStartObject("sessionIssuer");
                w.WriteString("type", p.Type == "FederatedUser" ? "IAMUser" : "Role");
                w.WriteString("principalId", p.PrincipalId?.Split(':')[0]);
                w.WriteString("arn", issuer);
                w.WriteString("accountId", p.Account);
                w.WriteString("userName", p.IssuerName);
                w.WriteEndObject();
            }

            w.WriteStartObject("attributes");
            w.WriteString("creationDate", p.CreationDate ?? "2026-10-17T00:00:00Z");
            w.WriteString("mfaAuthenticated", p.Mfa == true ? "true" : "false");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    // The request shapes of the calls threshold rules count; false for any other call.
    private static bool WriteThresholdRequest(Utf8JsonWriter w, EventKindSpec spec, Principal p, Random random, string? value)
    {
        // An application reads the same few secrets and parameters: its own, named after it.
        var app = (p.UserName ?? p.IssuerName ?? p.Type).ToLowerInvariant();
        switch (spec.Name)
        {
            case "GetSecretValue":
                w.WriteStartObject("requestParameters");
                w.WriteString("secretId", $"arn:aws:secretsmanager:us-east-1:{p.Account}:secret:{value ?? $"{app}/secret-{random.Next(3)}"}");
                w.WriteEndObject();
                w.WriteNull("responseElements");
                return true;
            case "BatchGetSecretValue":
                w.WriteStartObject("requestParameters");
                w.WriteStartArray("secretIdList");
                w.WriteStringValue($"{app}/secret-0");
                w.WriteStringValue($"{app}/secret-1");
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteNull("responseElements");
                return true;
            case "GetParameter" or "GetParameters" or "GetParametersByPath" when spec.Variant == "decrypted":
                w.WriteStartObject("requestParameters");
                var name = value ?? $"/{app}/param-{random.Next(4)}";
                if (spec.Name == "GetParameters")
                {
                    w.WriteStartArray("names");
                    w.WriteStringValue(name);
                    w.WriteStringValue(name + "-b");
                    w.WriteEndArray();
                }
                else
                {
                    w.WriteString(spec.Name == "GetParameter" ? "name" : "path", spec.Name == "GetParameter" ? name : $"/{app}/");
                }

                w.WriteBoolean("withDecryption", true);
                w.WriteEndObject();
                w.WriteNull("responseElements");
                return true;
            case "GetPasswordData" or "DescribeInstanceAttribute":
                w.WriteStartObject("requestParameters");
                w.WriteString("instanceId", value ?? $"i-0{Hex(random, 16)}");
                if (spec.Name == "DescribeInstanceAttribute")
                {
                    w.WriteString("attribute", value is not null || random.Next(3) == 0 ? "userData" : "instanceType");
                }

                w.WriteEndObject();
                w.WriteNull("responseElements");
                return true;
            case "ConsoleLogin" when spec.Variant is "failed" or "success":
                w.WriteNull("requestParameters");
                w.WriteStartObject("responseElements");
                w.WriteString("ConsoleLogin", spec.Variant == "failed" ? "Failure" : "Success");
                w.WriteEndObject();
                w.WriteStartObject("additionalEventData");
                w.WriteString("LoginTo", "https://console.aws.amazon.com/console/home");
                w.WriteString("MobileVersion", "No");
                w.WriteString("MFAUsed", "No");
                w.WriteEndObject();
                return true;
            default:
                return false;
        }
    }

    private static void WriteRequest(Utf8JsonWriter w, EventKindSpec spec, Principal p, Random random)
    {
        switch (spec.Name)
        {
            case "DescribeInstances" or "DescribeVolumes" or "DescribeNetworkInterfaces" or "DescribeSecurityGroups":
                w.WriteStartObject("requestParameters");
                w.WriteStartObject("filterSet");
                w.WriteStartArray("items");
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    w.WriteStartObject();
                    w.WriteString("name", "tag:Environment");
                    w.WriteStartObject("valueSet");
                    w.WriteStartArray("items");
                    w.WriteStartObject();
                    w.WriteString("value", "production");
                    w.WriteEndObject();
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteNull("responseElements");
                break;
            case "GetObject" or "PutObject" or "HeadObject":
                w.WriteStartObject("requestParameters");
                w.WriteString("bucketName", "acme-data-" + p.Account);
                w.WriteString("Host", $"acme-data-{p.Account}.s3.us-east-1.amazonaws.com");
                w.WriteString("key", $"exports/2026/10/17/part-{random.Next(100000):00000}.parquet");
                w.WriteEndObject();
                w.WriteNull("responseElements");
                break;
            case "AssumeRole":
                w.WriteStartObject("requestParameters");
                w.WriteString("roleArn", $"arn:aws:iam::{p.Account}:role/app-orders-task");
                w.WriteString("roleSessionName", "session-" + random.Next(1_000_000));
                w.WriteNumber("durationSeconds", 3600);
                w.WriteEndObject();
                w.WriteStartObject("responseElements");
                w.WriteStartObject("credentials");
                w.WriteString("accessKeyId", "ASIA" + Hex(random, 16).ToUpperInvariant());
                w.WriteString("sessionToken", Hex(random, 96));
                w.WriteString("expiration", "Oct 17, 2026, 1:00:00 PM");
                w.WriteEndObject();
                w.WriteStartObject("assumedRoleUser");
                w.WriteString("assumedRoleId", "AROA" + Hex(random, 16).ToUpperInvariant() + ":session");
                w.WriteString("arn", $"arn:aws:sts::{p.Account}:assumed-role/app-orders-task/session");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            case "AuthorizeSecurityGroupIngress":
                w.WriteStartObject("requestParameters");
                w.WriteString("groupId", "sg-0" + Hex(random, 16));
                w.WriteStartObject("ipPermissions");
                w.WriteStartArray("items");
                w.WriteStartObject();
                w.WriteString("ipProtocol", "tcp");
                var from = random.Next(2) == 0 ? 22 : 443;
                var to = random.Next(2) == 0 ? 22 : 443;
                w.WriteNumber("fromPort", spec.Variant == "world" ? 443 : from);
                w.WriteNumber("toPort", spec.Variant == "world" ? 443 : to);
                w.WriteStartObject("ipRanges");
                w.WriteStartArray("items");
                w.WriteStartObject();
                // "world": a public load balancer's listener; "private": a rule between the VPC's own subnets.
                w.WriteString("cidrIp", spec.Variant switch { "world" => "0.0.0.0/0", "private" => "10.0.0.0/8", _ => random.Next(3) == 0 ? "0.0.0.0/0" : "10.0.0.0/8" });
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteNull("responseElements");
                break;
            default:
                w.WriteStartObject("requestParameters");
                w.WriteString("name", spec.Risky ? "guard-target-" + random.Next(20) : "item-" + random.Next(1000));
                if (spec.Risky)
                {
                    w.WriteString("detectorId", Hex(random, 32));
                }

                w.WriteEndObject();
                w.WriteNull("responseElements");
                break;
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    internal static string Hex(Random random, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }
}
