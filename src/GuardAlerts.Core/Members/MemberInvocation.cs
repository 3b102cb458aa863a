using System.Text.Json;

namespace GuardAlerts.Core.Members;

/// <summary>
/// What the members function was invoked with: a member's heartbeat (recorded), the check schedule's event (run the
/// check), or anything else (rejected, with the reason).
/// </summary>
public sealed record MemberInvocation
{
    /// <summary>The member rule whose scheduled event is the heartbeat (docs/organizations.md).</summary>
    public const string HeartbeatRule = "GuardAlertsMember-Heartbeat";

    /// <summary>The detail-type of the input the check schedule sends.</summary>
    public const string CheckDetailType = "GuardAlerts Member Check";

    private MemberInvocation()
    {
    }

    /// <summary>The heartbeat's member, or null.</summary>
    public MemberId? Heartbeat { get; private init; }

    /// <summary>When the heartbeat's schedule fired (the event's time).</summary>
    public DateTimeOffset Time { get; private init; }

    /// <summary>Whether this is the check schedule's event.</summary>
    public bool IsCheck { get; private init; }

    /// <summary>Why the payload is neither, or null.</summary>
    public string? Rejected { get; private init; }

    /// <summary>
    /// Reads the payload. A heartbeat is the member's scheduled event, unchanged: source aws.events, detail-type
    /// Scheduled Event, a 12-digit account, a region, and one resource, the ARN of the member's heartbeat rule in
    /// that same account and region. Only EventBridge can send an aws.* source, so the account and region are real.
    /// </summary>
    public static MemberInvocation Read(ReadOnlySpan<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException ex)
        {
            return Reject($"not JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Reject($"expected an event object, got a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            var detailType = Text(root, "detail-type");
            return detailType == CheckDetailType ? new MemberInvocation { IsCheck = true } : ReadHeartbeat(root, detailType);
        }
    }

    private static MemberInvocation ReadHeartbeat(JsonElement root, string? detailType)
    {
        var source = Text(root, "source");
        if (source != "aws.events" || detailType != "Scheduled Event")
        {
            return Reject($"not a member heartbeat: source '{source}', detail-type '{detailType}' (expected aws.events, Scheduled Event)");
        }

        var account = Text(root, "account");
        var region = Text(root, "region");
        if (!MemberId.IsAccount(account))
        {
            return Reject($"heartbeat account '{account}' is not a 12-digit account id");
        }

        if (!MemberId.IsRegion(region))
        {
            return Reject($"heartbeat region '{region}' is not a region name");
        }

        var expected = $":events:{region}:{account}:rule/{HeartbeatRule}";
        var resources = root.TryGetProperty("resources", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToList()
            : [];
        if (resources is not [{ } arn] || !arn.StartsWith("arn:", StringComparison.Ordinal) || !arn.EndsWith(expected, StringComparison.Ordinal)
            || arn.AsSpan(4, arn.Length - 4 - expected.Length).Contains(':'))
        {
            return Reject($"a scheduled event, but not of the member rule {HeartbeatRule} in {account} {region}: resources [{string.Join(", ", resources)}]");
        }

        if (!DateTimeOffset.TryParse(Text(root, "time"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return Reject($"heartbeat of {account} {region} has no valid time: '{Text(root, "time")}'");
        }

        return new MemberInvocation { Heartbeat = new MemberId(account!, region!), Time = time.ToUniversalTime() };
    }

    private static MemberInvocation Reject(string reason) => new() { Rejected = reason };

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
