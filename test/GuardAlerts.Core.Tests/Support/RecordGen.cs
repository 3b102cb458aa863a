using CsCheck;

namespace GuardAlerts.Core.Tests.Support;

/// <summary>
/// CsCheck generators of CloudTrail records built from the parts attribution reads: every identity type (with and
/// without ARN, session issuer, MFA attributes, a managed provider's session), a failed call (errorCode), SAML
/// federation in additionalEventData, user agents and source addresses, regions, accounts, times and ids, and
/// eventNames both covered by a rule and not. Each part may be missing, null or of the wrong type.
/// </summary>
internal static class RecordGen
{
    private static readonly Gen<string> Name = Gen.OneOf(
        "DescribeInstances", "GetObject", "ListRoles", "Decrypt", "AssumeRole", "GetCallerIdentity", "Describe\u00e9", "StopLogging", "CreateUser",
        "ConsoleLogin", "AssumeRoleWithSAML");

    private static readonly Gen<string> Type = Gen.OneOf(
        "IAMUser", "AssumedRole", "Root", "FederatedUser", "AWSService", "AWSAccount", "SAMLUser", "WebIdentityUser", "IdentityCenterUser", "Unknown", "");

    private static readonly Gen<string> Arn = Gen.OneOf(
        "arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:assumed-role/app/sess", "arn:aws:sts::111122223333:assumed-role/staxid-admin-role/u-1",
        "arn:aws:iam::111122223333:root", "arn:aws-us-gov:iam::444455556666:root", "arn:aws:sts::111122223333:federated-user/carol", "", "not-an-arn");

    private static readonly Gen<string> PrincipalId = Gen.OneOf("AIDAEXAMPLE", "AROAEXAMPLE:StaxHelper", "AROAEXAMPLE:sess", "111122223333", "");

    private static readonly Gen<string> Issuer = Gen.OneOf("app", "AWSReservedSSO_Admin_0123", "staxid-admin-role", "StaxAccountAssurance");

    /// <summary>A field ("name":value, or nothing) with the value's JSON picked from <paramref name="values"/>.</summary>
    private static Gen<string> Field(string name, params string[] values) =>
        Gen.Select(Gen.OneOf(["", .. values]), v => v.Length == 0 ? "" : $"\"{name}\":{v}");

    private static Gen<string> Str(Gen<string> text) => Gen.Select(text, t => "\"" + t + "\"");

    private static readonly Gen<string> SessionContext =
        Gen.Select(Issuer, Gen.OneOf("\"true\"", "\"false\"", "true", "null", ""), Gen.Bool, (issuer, mfa, hasIssuer) =>
            ",\"sessionContext\":{" + (hasIssuer ? $"\"sessionIssuer\":{{\"type\":\"Role\",\"principalId\":\"AROAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:role/{issuer}\",\"accountId\":\"111122223333\",\"userName\":\"{issuer}\"}}," : "")
            + "\"attributes\":{\"creationDate\":\"2026-10-17T10:00:00Z\"" + (mfa.Length == 0 ? "" : ",\"mfaAuthenticated\":" + mfa) + "}}");

    private static readonly Gen<string> Identity = Gen.Select(
        Gen.Select(Type, Gen.OneOf(Str(Arn), Gen.Const("")), Str(PrincipalId), Gen.OneOf(SessionContext, Gen.Const("")),
            Gen.OneOf("", ",\"userName\":\"alice\"", ",\"invokedBy\":\"ec2.amazonaws.com\"", ",\"onBehalfOf\":{\"userId\":\"u-1\"}", ",\"accessKeyId\":\"ASIAEXAMPLE\""),
            Gen.OneOf(",\"accountId\":\"111122223333\"", ",\"accountId\":\"444455556666\"", ""),
            (type, arn, principal, context, extra, account) =>
                "{\"type\":\"" + type + "\",\"principalId\":" + principal + (arn.Length == 0 ? "" : ",\"arn\":" + arn) + account + extra + context + "}"),
        Gen.Int[0, 19],
        (identity, odd) => odd switch { 0 => "null", 1 => "\"text\"", 2 => "[]", _ => identity });

    private static readonly Gen<string> AdditionalData = Gen.OneOf(
        "", "null", "{\"SamlProviderArn\":\"arn:aws:iam::111122223333:saml-provider/staxid\"}", "{\"MFAUsed\":\"Yes\"}", "{\"MFAUsed\":\"No\"}",
        "{\"SamlProviderArn\":\"arn:aws:iam::111122223333:saml-provider/idp\",\"MFAUsed\":\"No\"}", "{\"SamlProviderArn\":7}", "{\"x\":{\"y\":[1,{}]}}");

    /// <summary>One record's JSON.</summary>
    public static readonly Gen<string> Record =
        Gen.Select(
            Gen.Select(Name, Identity, AdditionalData, Field("errorCode", "\"AccessDenied\"", "\"\"", "null", "\"Client.UnauthorizedOperation\""),
                Field("errorMessage", "\"denied\"", "null"), (n, i, d, c, m) => (n, i, d, c, m)),
            Gen.Select(
                Field("userAgent", "\"aws-cli/2.18.4\"", "\"Terraform/1.9.0\"", "\"console.amazonaws.com\"", "\"AWS Internal\"", "\"ua \\\"quoted\\\"\"", "\"\"", "7"),
                Field("sourceIPAddress", "\"192.0.2.1\"", "\"2001:db8::1\"", "\"ec2.amazonaws.com\"", "\"AWS Internal\""),
                Field("awsRegion", "\"us-east-1\"", "\"eu-west-1\"", "\"\"", "null"),
                Field("eventID", "\"e-1\"", "\"e-2\""),
                Gen.OneOf("\"2026-10-17T12:03:07Z\"", "\"2026-10-17T12:03:07.5Z\"", "\"2026-10-17T14:03:07+02:00\""), (u, p, r, e, t) => (u, p, r, e, t)),
            Gen.OneOf("\"111122223333\"", "\"444455556666\""),
            (a, b, account) =>
            {
                var (name, identity, data, errorCode, errorMessage) = a;
                var (agent, ip, region, id, time) = b;
                string[] fields =
                [
                    "\"eventVersion\":\"1.09\"", "\"userIdentity\":" + identity, "\"eventTime\":" + time, "\"eventSource\":\"ec2.amazonaws.com\"",
                    "\"eventName\":\"" + name + "\"", region, ip, agent, errorCode, errorMessage,
                    "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/staxid-admin-role\",\"principalArn\":\"arn:aws:iam::111122223333:saml-provider/staxid\",\"roleSessionName\":\"u-1\"}",
                    data.Length == 0 ? "" : "\"additionalEventData\":" + data, id, "\"readOnly\":true", "\"recipientAccountId\":" + account,
                ];
                return "{" + string.Join(",", fields.Where(f => f.Length > 0)) + "}";
            });
}
