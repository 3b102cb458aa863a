namespace GuardAlerts.Testing;

/// <summary>Finds the repository from the test binaries: the first folder up from the build output with GuardAlerts.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string NodeTools => Path.Combine(Root, "tools", "node");

    /// <summary>The project's own sample events.</summary>
    public static string Events => Path.Combine(Root, "events");

    /// <summary>The policy shipped in the repository.</summary>
    public static string Config => Path.Combine(Root, "config");

    /// <summary>Real AWS event samples from public sources, kept in the repository (test/data/corpora/NOTICE.md).</summary>
    public static string Corpora => Path.Combine(Root, "test", "data", "corpora");

    /// <summary>tools/node, after checking the setup script has installed its packages.</summary>
    public static string RequireNodeTools()
    {
        var modules = Path.Combine(NodeTools, "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "dynalite")) || !Directory.Exists(Path.Combine(modules, "@aws-sdk", "client-sns")) || !Directory.Exists(Path.Combine(modules, "fauxqs")))
        {
            throw new InvalidOperationException(
                $"{modules} is missing or incomplete. Run the test setup first: bash tools/setup.sh (npm ci --prefix tools/node).");
        }

        return NodeTools;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuardAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"GuardAlerts.sln not found above {AppContext.BaseDirectory}.");
    }
}
