using System.CommandLine;
using MlGan.Cli.Scoring;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Evaluation.IO;

namespace MlGan.Cli.Commands;

/// <summary>`mlgan stats`: computes a feature set's (μ, Σ, n) and caches it for later Fréchet distances.</summary>
public static class StatsCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = $"Features to summarise: {FeatureSource.Syntax}.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Statistics file to write (MlGan binary format).", Required = true };
        var fashionDir = new Option<string?>("--fashion-mnist-dir") { Description = "Directory of the Fashion-MNIST IDX files (default: Debian's)." };
        var features = new Option<string?>("--features") { Description = $"Feature net applied first: {FeatureNets.Syntax}. Use the same one as `mlgan score`." };
        var cmd = new Command("stats", "Compute feature statistics (mean, covariance, count) and save them for FID.") { data, output, fashionDir, features };
        cmd.SetAction(parse =>
        {
            try
            {
                Run(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(fashionDir), parse.GetValue(features));
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
            {
                Console.Error.WriteLine($"mlgan stats: {ex.Message}");
                return 1;
            }
        });
        return cmd;
    }

    private static void Run(string data, FileInfo file, string? fashionDir, string? featureNet)
    {
        var samples = FeatureSource.Load(data, fashionDir);
        var extractor = FeatureNets.Resolve(featureNet, samples[0].Length);
        using var owned = extractor as IDisposable;
        var stats = FeatureStatistics.FromFeatures(extractor.ExtractFeatures(samples));
        stats.Save(file.FullName);
        Console.WriteLine($"Wrote statistics of {stats.Count} samples × {stats.Dimension} features ({extractor.Name}) to {file.FullName}");
    }
}
