namespace GuardAlerts.Bench.CorpusGen;

/// <summary>A fixed cast of callers covering every userIdentity type, with many assumed-role sessions (as in real logs).</summary>
internal static class Principals
{
    public static readonly string[] Accounts = ["111122223333", "444455556666", "777788889999"];

    private static readonly string[] Agents =
    [
        "aws-cli/2.18.4 md/awscrt#0.22.0 ua/2.0 os/linux#6.8.0-1016-aws md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard",
        "Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#5.10.226-214.880.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.36",
        "aws-sdk-java/2.28.16 Linux/5.10.226-214.880.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.12+7-LTS Java/17.0.12 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy",
        "APN/1.0 HashiCorp/1.0 Terraform/1.9.7 (+https://www.terraform.io) terraform-provider-aws/5.70.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36",
        "aws-sdk-dotnet-coreclr/3.7.400.20 aws-sdk-dotnet-core/3.7.400.20 .NET_Core/8.0.8 OS/Linux_6.1.109-118.189.amzn2023.x86_64 ClientAsync",
        "cloudformation.amazonaws.com",
    ];

    /// <summary>What Terraform's AWS provider sends as its user agent.</summary>
    public static string TerraformAgent => Agents[3];

    /// <summary>A browser's user agent, as console sign-ins carry it.</summary>
    public static string BrowserAgent => Agents[4];

    public static List<Principal> Create(Random random) => Create(random, Accounts);

    /// <summary>The same cast in each of <paramref name="accounts"/>.</summary>
    public static List<Principal> Create(Random random, IEnumerable<string> accounts)
    {
        var list = new List<Principal>();
        foreach (var account in accounts)
        {
            foreach (var user in new[] { "alice.chen", "bob.okafor", "ci-deployer", "backup-operator" })
            {
                list.Add(new Principal("IAMUser", account, Id("AIDA", random), $"arn:aws:iam::{account}:user/{user}", user,
                    Id("AKIA", random), null, null, null, null, null, random.Next(3) == 0, null, Pick(Agents, random), Ip(random)));
            }

            foreach (var role in new[] { "app-orders-task", "app-payments-lambda", "AWSReservedSSO_AdministratorAccess_0123456789abcdef", "staxid-admin-role", "StaxAccountAssurance", "github-actions-deploy", "eks-node-group" })
            {
                // Many sessions per role: the access key and creation date differ per session.
                for (var s = 0; s < 12; s++)
                {
                    var roleId = Id("AROA", random);
                    var session = role switch
                    {
                        "StaxAccountAssurance" => "StaxHelper",
                        "staxid-admin-role" => "3f6c2a5e-1b7d-4c2f-9a8e-" + random.Next(100000, 999999) + "abcdef",
                        "AWSReservedSSO_AdministratorAccess_0123456789abcdef" => "dev" + s + "@example.com",
                        _ => "i-0" + random.NextInt64(0x100000000L, 0xFFFFFFFFFL).ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                    };
                    list.Add(new Principal("AssumedRole", account, roleId + ":" + session, $"arn:aws:sts::{account}:assumed-role/{role}/{session}", null,
                        Id("ASIA", random), $"arn:aws:iam::{account}:role/{role}", role, null, null, null, random.Next(4) == 0,
                        $"2026-10-17T{random.Next(24):00}:{random.Next(60):00}:{random.Next(60):00}Z", Pick(Agents, random), Ip(random)));
                }
            }

            list.Add(new Principal("Root", account, account, $"arn:aws:iam::{account}:root", null, Id("ASIA", random), null, null, null, null, null, true, null, Agents[4], Ip(random)));
            list.Add(new Principal("FederatedUser", account, account + ":carol", $"arn:aws:sts::{account}:federated-user/carol", null, Id("ASIA", random),
                $"arn:aws:iam::{account}:user/federation-broker", "federation-broker", null, null, null, false, "2026-10-17T08:00:00Z", Agents[1], Ip(random)));
            foreach (var service in new[] { "cloudtrail.amazonaws.com", "ec2.amazonaws.com", "lambda.amazonaws.com", "config.amazonaws.com", "autoscaling.amazonaws.com" })
            {
                list.Add(new Principal("AWSService", account, null, null, null, null, null, null, service, null, null, null, null, service, service));
            }

            list.Add(new Principal("AWSAccount", account, "AIDA" + account, null, null, null, null, null, null, null, null, null, null, Agents[5], Ip(random)));
            list.Add(new Principal("SAMLUser", account, "Xk1+saml/dave@example.com", null, "dave@example.com", null, null, null, null, "arn:aws:iam::" + account + ":saml-provider/corp-idp", null, null, null, Agents[4], Ip(random)));
            list.Add(new Principal("WebIdentityUser", account, "token.actions.githubusercontent.com:sts.amazonaws.com:repo:acme/app", null, "repo:acme/app:ref:refs/heads/main", null, null, null, null, "token.actions.githubusercontent.com", null, null, null, Agents[1], Ip(random)));
            list.Add(new Principal("IdentityCenterUser", account, "94482488-3041-7026-18f3-be45837cd0e4", null, null, null, null, null, null, null, "94482488-3041-7026-18f3-be45837cd0e4", null, null, Agents[0], Ip(random)));
            list.Add(new Principal("Unknown", account, "anonymous", null, "anonymous", null, null, null, null, null, null, null, null, Agents[1], Ip(random)));
        }

        return list;
    }

    private static string Pick(string[] items, Random random) => items[random.Next(items.Length)];

    private static string Ip(Random random) => random.Next(5) == 0
        ? $"2001:db8:{random.Next(0xffff):x}::{random.Next(0xffff):x}"
        : $"{random.Next(1, 223)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";

    private static string Id(string prefix, Random random)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        Span<char> chars = stackalloc char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return prefix + new string(chars);
    }
}
