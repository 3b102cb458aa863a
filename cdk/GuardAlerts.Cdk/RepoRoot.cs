namespace GuardAlerts.Cdk;

/// <summary>The repository: the first folder up from the app's binaries holding GuardAlerts.sln.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuardAlerts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"GuardAlerts.sln not found above {AppContext.BaseDirectory}");
    }
}
