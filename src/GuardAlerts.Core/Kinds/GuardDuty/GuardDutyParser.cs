using System.Globalization;
using System.Text.Json;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.GuardDuty;

/// <summary>Maps a GuardDuty finding (EventBridge detail, GetFindings camelCase or boto3 PascalCase) to <see cref="GuardDutyEvent"/>.</summary>
internal static class GuardDutyParser
{
    // Read in any case (camelCase, PascalCase), so matched in any case. The finding's id and type decide which finding
    // it is and which rule matches; GuardDuty writes them, never with invalid text: such a finding is rejected.
    private static readonly string[] NeverRepaired = ["id", "type", "updatedAt", "createdAt"];

    // What attribution and the exemption list read: the account and region, the access key's principal, and the
    // service section where the remote IP and user agent are.
    private static readonly string[] ActorFields = ["accountId", "region", "partition", "resource.accessKeyDetails", "service"];

    public static ParsedEvent Parse(JsonElement f, Envelope? envelope, FieldRepairs repairs)
    {
        var findingId = JsonRead.Str(f, "id", anyCase: true);
        var id = envelope?.Id ?? findingId;
        var account = JsonRead.Str(f, "accountId", anyCase: true) ?? envelope?.Account;
        var region = JsonRead.Str(f, "region", anyCase: true) ?? envelope?.Region;

        var typeValue = JsonRead.PropAnyCase(f, "type");
        if (typeValue is not { ValueKind: JsonValueKind.String } || string.IsNullOrWhiteSpace(typeValue.Value.GetString()))
        {
            var problem = typeValue is null ? "finding type is missing" : $"finding type must be a non-empty string, got {EventParser.Describe(typeValue.Value.ValueKind)}";
            return ParsedEvent.Rejected(problem, id, EventKind.GuardDuty, account: account, region: region);
        }

        var type = typeValue.Value.GetString()!;
        if (repairs.FirstOf(NeverRepaired, ignoreCase: true) is { } field)
        {
            return ParsedEvent.Rejected(FieldRepairs.NeverRepairedReason(field), id, EventKind.GuardDuty, type, account, region);
        }

        if (findingId is null || id is null)
        {
            return ParsedEvent.Rejected("finding id is missing", id, EventKind.GuardDuty, type, account, region);
        }

        if (JsonRead.Num(f, "severity", anyCase: true) is not { } severity)
        {
            return ParsedEvent.Rejected("finding severity is missing or not a number", id, EventKind.GuardDuty, type, account, region);
        }

        if (!SeverityExtensions.TryFromGuardDutyScore(severity, out _))
        {
            return ParsedEvent.Rejected($"finding severity {severity.ToString(CultureInfo.InvariantCulture)} is outside GuardDuty's 0-10 range",
                id, EventKind.GuardDuty, type, account, region);
        }

        var resource = JsonRead.Obj(f, "resource", anyCase: true);
        var service = JsonRead.Obj(f, "service", anyCase: true);
        var accessKey = resource is { } r && JsonRead.Obj(r, "accessKeyDetails", anyCase: true) is { } ak
            ? new AccessKeyDetails
            {
                AccessKeyId = JsonRead.Str(ak, "accessKeyId", true),
                PrincipalId = JsonRead.Str(ak, "principalId", true),
                UserName = JsonRead.Str(ak, "userName", true),
                UserType = JsonRead.Str(ak, "userType", true),
            }
            : null;
        var action = service is { } s ? FindingAction.Read(s) : FindingAction.None;
        var additionalInfo = service is { } s2 ? JsonRead.Obj(s2, "additionalInfo", true) : null;
        var updatedAt = JsonRead.Time(f, "updatedAt", true);

        var finding = new GuardDutyFinding
        {
            Id = findingId,
            Type = type,
            Severity = severity,
            AccountId = account,
            Region = region,
            Partition = JsonRead.Str(f, "partition", true),
            Arn = JsonRead.Str(f, "arn", true),
            Title = JsonRead.Str(f, "title", true),
            Description = JsonRead.Str(f, "description", true),
            CreatedAt = JsonRead.Time(f, "createdAt", true),
            UpdatedAt = updatedAt,
            ResourceType = resource is { } r2 ? JsonRead.Str(r2, "resourceType", true) : null,
            ResourceSummary = resource is { } r3 ? FindingResourceDescriber.Describe(r3, accessKey) : null,
            AccessKey = accessKey,
            ActionType = action.Type,
            Api = action.Api,
            RemoteIp = action.RemoteIp,
            RemoteCountry = action.RemoteCountry,
            UserAgent = action.UserAgent,
            IsSample = additionalInfo is { } ai && JsonRead.Bool(ai, "sample", true) == true,
            Archived = service is { } s3 && JsonRead.Bool(s3, "archived", true) == true,
            Count = service is { } s4 && JsonRead.Num(s4, "count", true) is { } n ? (long)n : null,
        };

        return ParsedEvent.Of(new GuardDutyEvent
        {
            Id = id,
            EnvelopeId = envelope?.Id,
            Name = type,
            Account = account,
            Region = region,
            Time = updatedAt ?? envelope?.Time ?? finding.CreatedAt,
            Detail = f,
            Finding = finding,
            RepairedText = repairs.Result(ActorFields, ignoreCase: true),
        });
    }
}
