namespace MlGan.Cli.Tests.TestSupport;

/// <summary>Files of this repository (scripts under tools/, tests/tools/, deploy/) found from the test assembly's folder.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MlGan.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MlGan.sln not found above " + AppContext.BaseDirectory);
    }
}
