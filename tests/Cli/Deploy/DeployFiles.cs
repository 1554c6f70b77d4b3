namespace MlGan.Cli.Tests.Deploy;

/// <summary>Locates the repository's deploy/ files from the test assembly's folder.</summary>
internal static class DeployFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding MlGan.sln and deploy/).</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>A file under deploy/slurm/, e.g. "submit.sh".</summary>
    public static string Slurm(string name) => Existing(Path.Combine(RepositoryRoot, "deploy", "slurm", name));

    /// <summary>deploy/k8s/fid-stats-job.yaml.</summary>
    public static string KubernetesManifest => Existing(Path.Combine(RepositoryRoot, "deploy", "k8s", "fid-stats-job.yaml"));

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"Deployment file '{path}' is missing from the repository.", path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlGan.sln")) && Directory.Exists(Path.Combine(dir.FullName, "deploy")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"No folder above '{AppContext.BaseDirectory}' holds MlGan.sln and deploy/.");
    }
}
