using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Rules;

/// <summary>
/// {"policy": p, "statement": {...}}: a policy document at p (a path or a list of paths) has a statement that passes
/// <see cref="Statement"/>. The document is parsed, never matched as text: "Effect": "Deny", a condition on
/// aws:SourceVpce or a Principal of the account itself read as what they mean. Principals are compared with the
/// event's account (recipientAccountId).
/// </summary>
public sealed record PolicyCondition(IReadOnlyList<JsonPath> Paths, PolicyStatementTest Statement) : Condition
{
    public override bool Evaluate(JsonElement scope)
    {
        var account = JsonRead.Str(scope, "recipientAccountId")
            ?? (JsonRead.Obj(scope, "userIdentity") is { } identity ? JsonRead.Str(identity, "accountId") : null);
        var values = new List<JsonElement>();
        foreach (var path in Paths)
        {
            path.Collect(scope, values);
        }

        var statements = new List<JsonElement>();
        foreach (var value in values)
        {
            statements.Clear();
            using var document = PolicyDocumentReader.Read(value, statements);
            foreach (var statement in statements)
            {
                if (Statement.Matches(statement, account))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
