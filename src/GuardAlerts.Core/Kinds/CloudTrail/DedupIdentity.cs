using System.Text;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Dedup;
using GuardAlerts.Core.Events;

namespace GuardAlerts.Core.Kinds.CloudTrail;

/// <summary>
/// The parts of a CloudTrail dedup key that tell apart the people and the outcomes behind one principal: two events
/// that differ in any of them are never duplicates of each other.
/// </summary>
/// <remarks>
/// A role, a root user or an IAM Identity Center permission set is one principal for many people, so the principal
/// ARN alone would let a second person's action (or a second sign-in from another place) hide behind the first one's
/// alert. Which fields go in, and who sets them:
/// <list type="bullet">
/// <item><c>accessKeyId</c>: AWS generates it for every set of credentials (an assumed-role session, a federation
/// token, a console session, an IAM user's key). Two sessions never share one, whatever they are named, so this is
/// the part that keeps two people on one role apart even when they pick the same session name.</item>
/// <item><c>principalId</c>: for an assumed role "role id:session name"; the role id is AWS's, the session name the
/// caller's (AWS sets it for IAM Identity Center sessions, to the user name). Caller-chosen text can only split a
/// key (more alerts), never merge two: every other part still has to be equal.</item>
/// <item>the session name of a SAML or web identity role assumption (from the request: the caller's).</item>
/// <item><c>sessionContext.sourceIdentity</c>: set once by whoever first assumed the role (or by the identity
/// provider), then kept by AWS across chained sessions; it cannot be changed during the session.</item>
/// <item><c>onBehalfOf.userId</c>: the IAM Identity Center user id, set by AWS.</item>
/// <item>the source IP for the root user (one principal id per account, so an action from another address is
/// another fact) and for records without an access key id (console sign-ins, some calls AWS services make on a
/// principal's behalf), where nothing else AWS sets tells two sessions of one principal apart.</item>
/// </list>
/// Values go in escaped ('%', '#', '|'), so no field's text can pose as a separator and make two different sets of
/// values read the same.
/// </remarks>
internal static class DedupIdentity
{
    /// <summary>"ok" for a call that succeeded, otherwise "failed:" and CloudTrail's errorCode (or the sign-in's "Failure").</summary>
    public static string Outcome(CloudTrailRecord record)
    {
        if (!string.IsNullOrEmpty(record.ErrorCode))
        {
            return "failed:" + DedupKeyBuilder.Escape(record.ErrorCode);
        }

        // A failed console sign-in has no errorCode: responseElements.ConsoleLogin says "Failure".
        return record.ResponseElements is { } response && JsonRead.Str(response, "ConsoleLogin") is { } result
            && !string.Equals(result, "Success", StringComparison.Ordinal)
                ? "failed:" + DedupKeyBuilder.Escape(result)
                : "ok";
    }

    /// <summary>The session-level identity: the fields listed on the class, escaped and joined with '|'.</summary>
    public static string Session(CloudTrailRecord record, Actor actor)
    {
        var ui = record.UserIdentity;
        var b = new StringBuilder(96);
        Append(b, ui?.AccessKeyId);
        Append(b.Append('|'), ui?.PrincipalId);
        Append(b.Append('|'), actor.SessionName);
        Append(b.Append('|'), ui?.SourceIdentity);
        Append(b.Append('|'), ui?.OnBehalfOfUserId);
        if (actor.IdentityType == "Root" || string.IsNullOrEmpty(ui?.AccessKeyId))
        {
            Append(b.Append('|'), record.SourceIpAddress);
        }

        return b.ToString();
    }

    private static void Append(StringBuilder b, string? value) => b.Append(DedupKeyBuilder.Escape(value));
}
