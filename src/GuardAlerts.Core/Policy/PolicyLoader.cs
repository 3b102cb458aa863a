using GuardAlerts.Core.Config;
using GuardAlerts.Core.Exemptions;
using GuardAlerts.Core.Rules;

namespace GuardAlerts.Core.Policy;

/// <summary>Loads the policy from a config directory or from the defaults embedded at build time.</summary>
public static class PolicyLoader
{
    public const string RiskTableFile = "risk-table.json";
    public const string ExemptionsFile = "exemptions.json";

    /// <summary>The policy shipped in config/ when this build was made.</summary>
    public static AlertPolicy LoadEmbedded(DateTimeOffset now) =>
        Load(Embedded(RiskTableFile), "(embedded) config/" + RiskTableFile, Embedded(ExemptionsFile), "(embedded) config/" + ExemptionsFile, now);

    /// <summary>The raw bytes of an embedded default file.</summary>
    public static byte[] Embedded(string file)
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("GuardAlerts.Defaults." + file)
            ?? throw new ConfigException($"the build embeds no default {file}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Loads both files from bytes; throws <see cref="ConfigException"/> with every error in either file.</summary>
    public static AlertPolicy Load(ReadOnlySpan<byte> riskTable, string riskTableName, ReadOnlySpan<byte> exemptions, string exemptionsName, DateTimeOffset now)
    {
        var (table, tableErrors) = RiskTableLoader.TryLoad(riskTable, riskTableName);
        var (list, listErrors) = ExemptionLoader.TryLoad(exemptions, exemptionsName, now);
        if (table is null || list is null)
        {
            throw new ConfigException([.. tableErrors.Where(e => !e.IsWarning), .. listErrors.Where(e => !e.IsWarning)]);
        }

        return new AlertPolicy(table, list);
    }
}
