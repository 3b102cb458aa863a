using System.Globalization;
using System.Text;
using System.Text.Json;
using GuardAlerts.Core.Rendering;

namespace GuardAlerts.Core.Members;

/// <summary>
/// The operational messages of the member watch, for the pager topic (e-mail and SMS, no filter): a member gone
/// silent, a member heard again, and the expected accounts that could not be read.
/// </summary>
public static class MemberMessages
{
    private const int MaxSubject = 99;
    private const int MaxSms = 140;

    /// <summary>A member whose heartbeat has not arrived for longer than the window.</summary>
    public static RenderedAlert Silent(MemberId member, string? name, DateTimeOffset? lastSeen, DateTimeOffset? firstExpected, DateTimeOffset now)
    {
        var since = (lastSeen ?? firstExpected ?? now);
        var who = Who(member, name);
        var last = lastSeen is { } seen ? Time(seen) : $"never (expected since {Time(since)})";
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GuardAlerts: member {who} in {member.Region} is silent. Its security events may not be reaching the central stack.\n\n")
            .Append(CultureInfo.InvariantCulture, $"Account:        {who}\nRegion:         {member.Region}\nLast heartbeat: {last}\nSilent for:     {Duration(now - since)}\n\n")
            .Append("Every member region sends the central bus a heartbeat each hour (its rule GuardAlertsMember-Heartbeat); none has arrived from this one for over two hours.\n\n")
            .Append("Likely causes:\n")
            .Append("- the member's rules were deleted or disabled (GuardAlertsMember-Heartbeat and the forwarding rules);\n")
            .Append(CultureInfo.InvariantCulture, $"- the role GuardAlertsMember-{member.Region}-Forward was deleted or changed;\n")
            .Append("- a service control policy denies events:PutEvents to that role;\n")
            .Append("- the region was disabled in the account, or the account closed or suspended;\n")
            .Append("- the StackSet instance for this account and region was removed (or never deployed).\n\n")
            .Append("What to check:\n")
            .Append(CultureInfo.InvariantCulture, $"- aws cloudformation list-stack-instances --stack-set-name GuardAlertsMember --stack-instance-account {member.Account} --stack-instance-region {member.Region} (status CURRENT; add --call-as DELEGATED_ADMIN outside the management account)\n")
            .Append(CultureInfo.InvariantCulture, $"- in the member: aws events describe-rule --name GuardAlertsMember-Heartbeat --region {member.Region} (State ENABLED) and aws events list-targets-by-rule --rule GuardAlertsMember-Heartbeat --region {member.Region} (the central bus, the Forward role)\n")
            .Append("- the central bus's AWS/Events MatchedEvents metric, and CloudTrail in the member for DeleteRule, DisableRule, RemoveTargets and role changes.\n\n")
            .Append("A message follows when the member is heard again.\n");
        return Message(
            $"GuardAlerts: member {member.Account} {member.Region} silent for {Duration(now - since)}",
            $"GuardAlerts: member {member.Account} {member.Region} silent since {Time(since)}",
            body.ToString());
    }

    /// <summary>A member silent since <paramref name="silentSince"/>, heard again at <paramref name="heard"/>.</summary>
    public static RenderedAlert Recovered(MemberId member, string? name, DateTimeOffset silentSince, DateTimeOffset heard)
    {
        var who = Who(member, name);
        var silentFor = Duration(heard - silentSince);
        var body = $"GuardAlerts: member {who} in {member.Region} is heard again: its heartbeat arrived at {Time(heard)} after {silentFor} of silence "
            + $"(since {Time(silentSince)}).\n\nEvents it sent while its forwarding was broken did not reach the central stack: review its CloudTrail "
            + "for that time, and find what broke the forwarding (CloudTrail in the member for DeleteRule, DisableRule, RemoveTargets, role changes; "
            + "the StackSet's operations).\n";
        return Message($"GuardAlerts: member {member.Account} {member.Region} heard again after {silentFor}",
            $"GuardAlerts: member {member.Account} {member.Region} heard again after {silentFor}", body);
    }

    /// <summary>
    /// Many members gone silent in one check, in one message: one SMS to each phone instead of one per member, and
    /// every member listed in the e-mail (up to <see cref="MaxListed"/>).
    /// </summary>
    public static RenderedAlert SilentMany(IReadOnlyList<MemberChange> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var earliest = changes.Min(c => c.Since);
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GuardAlerts: {changes.Count} member regions are silent: no heartbeat for over two hours. Their security events may not be reaching the central stack.\n\n")
            .Append("So many at once usually has one cause: a StackSet update that changed or removed the members' rules or role, the central bus's policy ")
            .Append("no longer admitting the organization, a service control policy denying events:PutEvents, or EventBridge failing in a region. ")
            .Append("Check the StackSet's last operation, the central bus's policy and AWS/Events MatchedEvents metric, and CloudTrail in the central account.\n\n")
            .Append("Account / Region / Last heartbeat / Silent for:\n");
        List(body, changes, c => $"{Who(c.Record.Member, c.Name)}  {c.Record.Member.Region}  {(c.Record.LastSeen is { } seen ? Time(seen) : $"never (expected since {Time(c.Since)})")}  {Duration(now - c.Since)}");
        body.Append("\nEach is told when it is heard again.\n");
        return Message(
            $"GuardAlerts: {changes.Count} member regions silent for {Duration(now - changes.Max(c => c.Since))} or more",
            $"GuardAlerts: {changes.Count} member regions silent, since {Time(earliest)} or later. See the e-mail for the list.",
            body.ToString());
    }

    /// <summary>Many members heard again in one check, in one message.</summary>
    public static RenderedAlert RecoveredMany(IReadOnlyList<MemberChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"GuardAlerts: {changes.Count} member regions are heard again.\n\n")
            .Append("Events they sent while their forwarding was broken did not reach the central stack: review their CloudTrail for that time.\n\n")
            .Append("Account / Region / Heard at / Silent for:\n");
        List(body, changes, c => $"{Who(c.Record.Member, c.Name)}  {c.Record.Member.Region}  {Time(c.Since)}  {Duration(c.Since - (c.Record.SilentSince ?? c.Since))}");
        var text = $"GuardAlerts: {changes.Count} member regions heard again";
        return Message(text, text, body.ToString());
    }

    /// <summary>Members listed in one message at most: SNS takes 256 KB, and the message carries the body twice.</summary>
    public const int MaxListed = 1000;

    private static void List(StringBuilder body, IReadOnlyList<MemberChange> changes, Func<MemberChange, string> line)
    {
        foreach (var change in changes.Take(MaxListed))
        {
            body.Append("- ").Append(line(change)).Append('\n');
        }

        if (changes.Count > MaxListed)
        {
            body.Append(CultureInfo.InvariantCulture, $"- and {changes.Count - MaxListed} more\n");
        }
    }

    /// <summary>The organization's accounts could not be read: the check watches what it knows instead.</summary>
    public static RenderedAlert ListFailed(string reason, int registered, int configured, IReadOnlyList<string> regions)
    {
        var body = $"GuardAlerts: the expected member accounts could not be read from AWS Organizations: {reason}\n\n"
            + $"Until they can, the silent-member check watches the {registered} member regions that have sent a heartbeat"
            + (configured > 0 ? $" and the {configured} configured accounts in {string.Join(", ", regions)}" : "")
            + ", less the accounts the last successful read did not list. An account that never sent one is not watched until then, and one that left since that read is not told apart.\n\n"
            + "ListAccounts and DescribeOrganization answer only in the management account or a delegated administrator: register the central "
            + "account as a delegated administrator (docs/organizations.md), or check the members function's role "
            + "(organizations:ListAccounts, organizations:DescribeOrganization) and any service control policy that denies them.\n\n"
            + "This notice is sent at most once a day while the accounts cannot be read.\n";
        return Message("GuardAlerts: the expected member accounts could not be read", "GuardAlerts: member accounts could not be read from AWS Organizations: " + reason, body);
    }

    private static RenderedAlert Message(string subject, string sms, string body)
    {
        var fittedSms = Fit(sms, MaxSms);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("default", body);
            w.WriteString("email", body);
            w.WriteString("sms", fittedSms);
            w.WriteEndObject();
        }

        return new RenderedAlert
        {
            Subject = Fit(subject, MaxSubject),
            Sms = fittedSms,
            EmailBody = body,
            DefaultBody = body,
            MessageJson = Encoding.UTF8.GetString(buffer.ToArray()),
            Attributes = [],
        };
    }

    // An account's name is its owner's text: shown in the body only, never in the subject (printable ASCII).
    private static string Who(MemberId member, string? name) =>
        string.IsNullOrWhiteSpace(name) ? member.Account : $"{member.Account} ({Clean(Accounts.AccountNames.Contained(name))})";

    private static string Clean(string name) =>
        new([.. name.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).Take(64)]);

    private static string Fit(string text, int max)
    {
        var ascii = new string([.. text.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return ascii.Length <= max ? ascii : ascii[..(max - 3)] + "...";
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"2 h 15 min", "3 days 4 h", "45 min".</summary>
    internal static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalDays >= 1
            ? $"{(int)span.TotalDays} day{((int)span.TotalDays == 1 ? "" : "s")} {span.Hours} h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{span.Minutes} min";
    }
}
