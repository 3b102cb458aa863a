using System.Text.Json;

namespace GuardAlerts.Core.Rules;

/// <summary>The kinds of principal a policy statement names (its Principal, or NotPrincipal in an Allow).</summary>
internal static class PolicyPrincipals
{
    /// <summary>Every kind the statement names; <paramref name="account"/> is the event's account (null: unknown, so every account counts as another).</summary>
    public static HashSet<PolicyPrincipalKind> Kinds(JsonElement statement, string? account)
    {
        var kinds = new HashSet<PolicyPrincipalKind>();
        // Allow with NotPrincipal grants everyone except the listed principals. The document is the caller's text
        // (recorded even when the service refuses it): an Effect that is not a string is no Allow, and must not throw.
        if (statement.TryGetProperty("NotPrincipal", out _)
            && statement.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String
            && string.Equals(effect.GetString(), "Allow", StringComparison.OrdinalIgnoreCase))
        {
            kinds.Add(PolicyPrincipalKind.Anyone);
        }

        if (!statement.TryGetProperty("Principal", out var principal))
        {
            return kinds;
        }

        if (principal.ValueKind == JsonValueKind.String)
        {
            if (IamWildcard.IsStars(principal.GetString()!))
            {
                kinds.Add(PolicyPrincipalKind.Anyone);
            }

            return kinds;
        }

        if (principal.ValueKind != JsonValueKind.Object)
        {
            return kinds;
        }

        foreach (var entry in principal.EnumerateObject())
        {
            foreach (var value in PolicyStatementTest.Values(entry.Value))
            {
                if (Classify(entry.Name, value.Trim(), account) is { } kind)
                {
                    kinds.Add(kind);
                }
            }
        }

        return kinds;
    }

    private static PolicyPrincipalKind? Classify(string type, string value, string? account)
    {
        switch (type)
        {
            case "AWS" when IamWildcard.IsStars(value):
                return PolicyPrincipalKind.Anyone;
            case "AWS":
                return AccountOf(value) is { } owner && (account is null || !string.Equals(owner, account, StringComparison.Ordinal))
                    ? PolicyPrincipalKind.OtherAccount
                    : null;
            case "Federated":
                return value.Contains(":saml-provider/", StringComparison.Ordinal) ? PolicyPrincipalKind.Saml : PolicyPrincipalKind.Oidc;
            case "Service":
                return PolicyPrincipalKind.Service;
            default:
                return null;
        }
    }

    /// <summary>The account of an AWS principal: a bare account id, or the account field of an IAM or STS ARN.</summary>
    private static string? AccountOf(string value)
    {
        if (IsAccountId(value))
        {
            return value;
        }

        var parts = value.Split(':');
        // arn:partition:iam|sts::account:resource
        return parts.Length >= 6 && parts[0] == "arn" && parts[2] is "iam" or "sts" && IsAccountId(parts[4]) ? parts[4] : null;
    }

    private static bool IsAccountId(string value) => value.Length == 12 && value.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
