namespace GuardAlerts.Core.Tests.Support;

/// <summary>Finds the repository root (the folder holding GuardAlerts.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Events => Path.Combine(Root, "events");
    public static string Config => Path.Combine(Root, "config");

    /// <summary>Real AWS event samples from public sources, kept in the repository (test/data/corpora/NOTICE.md).</summary>
    public static string Corpora => Path.Combine(Root, "test", "data", "corpora");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuardAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GuardAlerts.sln not found above " + AppContext.BaseDirectory);
    }
}
