namespace Serverless.LocalHost.Hosting;

/// <summary>Finds the repository root (where package.json and node_modules live) above a start folder.</summary>
internal static class RepositoryRoot
{
    public static string? Find(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
