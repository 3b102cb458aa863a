using System.Text.RegularExpressions;

namespace GuardAlerts.Core.Rules;

/// <summary>The MITRE ATT&amp;CK Enterprise tactics by id, and the shape of a technique id.</summary>
public static partial class MitreTactics
{
    /// <summary>Every Enterprise tactic, in the order ATT&amp;CK lists them.</summary>
    public static IReadOnlyList<(string Id, string Name)> All { get; } =
    [
        ("TA0043", "Reconnaissance"), ("TA0042", "Resource Development"), ("TA0001", "Initial Access"), ("TA0002", "Execution"),
        ("TA0003", "Persistence"), ("TA0004", "Privilege Escalation"), ("TA0005", "Defense Evasion"), ("TA0006", "Credential Access"),
        ("TA0007", "Discovery"), ("TA0008", "Lateral Movement"), ("TA0009", "Collection"), ("TA0011", "Command and Control"),
        ("TA0010", "Exfiltration"), ("TA0040", "Impact"),
    ];

    /// <summary>The tactic's name, or null for an id ATT&amp;CK does not have.</summary>
    public static string? Name(string id)
    {
        foreach (var (tacticId, name) in All)
        {
            if (string.Equals(tacticId, id, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Whether the text is a technique or sub-technique id ("T1078", "T1078.004").</summary>
    public static bool IsTechniqueId(string id) => TechniqueId().IsMatch(id);

    [GeneratedRegex(@"^T[0-9]{4}(\.[0-9]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TechniqueId();
}
