using MlGan.Samples.Reproduce.Experiments;

namespace MlGan.Samples.Reproduce;

/// <summary>Every experiment, in report order (paper by paper).</summary>
internal static class ExperimentCatalog
{
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new RandomFeatureFigure4(),
        new RandomFeatureLandscape(),
        new OverparameterizationMeanMatching(),
        new OverparameterizationMlpFid(),
        OverparameterizationImageSweep.Dcgan(),
        OverparameterizationImageSweep.ResNet(),
        new RsTwoPoint(),
        new RsTwoCluster(),
        new RsNarrowImbalanced(),
        new RsConjectureC(),
        new GmmFigure1Trajectories(),
        new GmmFigure3Heatmaps(),
    ];

    /// <summary>The experiments named in a comma-separated <paramref name="ids"/> list (in report order), and the names that match none.</summary>
    public static (IReadOnlyList<IExperiment> Selected, IReadOnlyList<string> Unknown) Select(IReadOnlyList<IExperiment> all, string ids)
    {
        var wanted = ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var unknown = wanted.Where(w => all.All(e => e.Id != w)).ToArray();
        if (wanted.Count == 0) unknown = [ids];
        return (all.Where(e => wanted.Contains(e.Id)).ToArray(), unknown);
    }
}
