using System.Security.Cryptography;
using System.Text;
using GuardAlerts.Core.Attribution;
using GuardAlerts.Core.Events;
using GuardAlerts.Core.Kinds;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Dedup;

/// <summary>
/// Builds dedup keys. A key is never coarser than the fact it stands for: a duplicate is the same fact again, never a
/// different or worse one. What goes into a kind's key is the kind's (Kinds/*/: GuardDuty's account, region, finding
/// id and severity; CloudTrail's <see cref="Kinds.CloudTrail.CloudTrailDedupKey"/>); the bounds and retention are here.
/// </summary>
/// <remarks>
/// The severity is part of every windowed key: an event rated higher than what was already sent for the same fact
/// (a raise condition that now holds, an exemption that expired, a finding's band that rose) has another key, so it
/// always alerts again; the ledger keeps its one-claim-per-key contract.
/// </remarks>
public static class DedupKeyBuilder
{
    /// <summary>GuardDuty findings keep being updated for up to 90 days.</summary>
    public static readonly TimeSpan FindingRetention = TimeSpan.FromDays(90);

    /// <summary>Covers EventBridge's 24-hour retry horizon beyond the window itself.</summary>
    public static readonly TimeSpan RedeliveryMargin = TimeSpan.FromHours(24);

    // DynamoDB allows 2048-byte partition keys; long keys keep a readable prefix and a hash of the whole.
    private const int MaxKeyLength = 512;

    /// <summary>
    /// The key for an event that matched <paramref name="match"/>, to be sent at <paramref name="severity"/> (default:
    /// the match's; the pipeline passes the severity after an exemption's downgrade, the one the alert carries). Each
    /// kind builds its own (see Kinds/).
    /// </summary>
    public static DedupKey Build(SecurityEvent e, RuleMatch match, Actor actor, Severity? severity = null) =>
        EventKinds.Of(e.Kind).DedupKey(e, match, actor, severity ?? match.Severity);

    /// <summary>Escapes the key's separators so that a value can never stand for two fields.</summary>
    internal static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return text.AsSpan().IndexOfAny('%', '#', '|') < 0
            ? text
            : text.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);
    }

    /// <summary>The key itself when it fits; else a readable prefix and a hash of the whole.</summary>
    internal static string Bound(string key)
    {
        if (key.Length <= MaxKeyLength)
        {
            return key;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        // Never keep half of a surrogate pair (an emoji in a target name): a lone surrogate is not valid text, strict
        // UTF-8 encoding fails on it, and the key goes to DynamoDB, JSON Lines and logs as UTF-8.
        var cut = MaxKeyLength - 65;
        if (char.IsHighSurrogate(key[cut - 1]))
        {
            cut--;
        }

        return string.Concat(key.AsSpan(0, cut), "~", hash);
    }
}
