namespace GuardAlerts.Core.Tests.Support;

/// <summary>Finds the repository root (the folder holding GuardAlerts.sln) from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Events => Path.Combine(Root, "events");
    public static string Config => Path.Combine(Root, "config");

    /// <summary>../shared/corpora beside the checkout (CI clones the repo with shared/ beside it).</summary>
    public static string Corpora => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpora"));

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
