using GuardAlerts.Core.Members;

namespace GuardAlerts.Aws.Members;

/// <summary>
/// The member watch's items in the ledger table. Their keys start with "member#" or "org#": dedup keys start with
/// their kind's short prefix ("ct#", "gd#", "th#", "canary#"), so the two can never meet. None has a TTL.
/// </summary>
internal static class MemberItems
{
    /// <summary>The registry: (SS) <see cref="Members"/>, every "account:region" that ever sent a heartbeat.</summary>
    public const string RegistryKey = "member#registry";

    /// <summary>(S) <see cref="Day"/>: the UTC day of the last "expected accounts could not be read" notice.</summary>
    public const string NoticeKey = "member#notice";

    /// <summary>The account names of the last successful Organizations read: (M) <see cref="Names"/>, (N) <see cref="UpdatedAt"/>.</summary>
    public const string DirectoryKey = "org#directory";

    /// <summary>(N, epoch ms) the latest heartbeat; only ever moves forward.</summary>
    public const string LastSeen = "lastSeen";

    /// <summary>(N, epoch ms) when a check first expected the member.</summary>
    public const string FirstExpected = "firstExpected";

    /// <summary>(BOOL) true once the member region is in the registry: later heartbeats leave the registry alone.</summary>
    public const string Registered = "registered";

    /// <summary>(S) ok or silent: what the last message about the member said.</summary>
    public const string State = "state";

    /// <summary>(N, epoch ms) the start of the silence the last "silent" alert reported.</summary>
    public const string SilentSince = "silentSince";

    /// <summary>(SS) on the registry item.</summary>
    public const string Members = "members";

    /// <summary>(M) account id to account name, on the directory item.</summary>
    public const string Names = "names";

    /// <summary>(N, epoch ms) when the directory was written.</summary>
    public const string UpdatedAt = "updatedAt";

    /// <summary>(S) on the notice item.</summary>
    public const string Day = "day";

    public const string Ok = "ok";
    public const string Silent = "silent";

    /// <summary>member#ACCOUNT#REGION: both parts are validated (digits; letters, digits, hyphens), so no escaping is needed.</summary>
    public static string KeyOf(MemberId member) => $"member#{member.Account}#{member.Region}";
}
