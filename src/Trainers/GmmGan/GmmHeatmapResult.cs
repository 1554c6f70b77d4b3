using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlGan.Trainers.GmmGan;

/// <summary>The Figure 3 heatmaps for each requested dynamics, with CSV and text summaries.</summary>
public sealed class GmmHeatmapResult
{
    internal GmmHeatmapResult(GmmHeatmapOptions options, IReadOnlyList<GmmHeatmapLayer> layers, double seconds)
    {
        Options = options;
        Layers = layers;
        Seconds = seconds;
    }

    /// <summary>The options the heatmaps were run with.</summary>
    public GmmHeatmapOptions Options { get; }
    /// <summary>One layer per requested dynamics, in the options' order.</summary>
    public IReadOnlyList<GmmHeatmapLayer> Layers { get; }

    /// <summary>Total wall-clock seconds.</summary>
    public double Seconds { get; }

    /// <summary>The layer of <paramref name="kind"/>; KeyNotFoundException when it was not run.</summary>
    public GmmHeatmapLayer this[GmmDynamicsKind kind] =>
        Layers.FirstOrDefault(l => l.Kind == kind) ?? throw new KeyNotFoundException($"The heatmap was not run for {kind}.");

    /// <summary>Snake-case names used in CSV and JSON: optimal, unrolled, first_order.</summary>
    public static string Name(GmmDynamicsKind kind) => kind switch
    {
        GmmDynamicsKind.Optimal => "optimal",
        GmmDynamicsKind.Unrolled => "unrolled",
        GmmDynamicsKind.FirstOrder => "first_order",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown dynamics kind."),
    };

    /// <summary>One row per (dynamics, grid point).</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.WriteLine("dynamics,i,j,mu1_init,mu2_init,success_rate,parameter_success_rate,collapse_rate,mean_tv,early_stop_rate,repeats");
        int n = Options.Grid;
        foreach (var layer in Layers)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    writer.WriteLine(string.Join(",",
                        Name(layer.Kind), i.ToString(CultureInfo.InvariantCulture), j.ToString(CultureInfo.InvariantCulture),
                        F(Options.Coordinate(i)), F(Options.Coordinate(j)), F(layer.SuccessRate[i, j]), F(layer.ParameterSuccessRate[i, j]), F(layer.CollapseRate[i, j]),
                        F(layer.MeanTotalVariation[i, j]), F(layer.EarlyStopRate[i, j]), Options.Repeats.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Human-readable summary, one line per dynamics.</summary>
    public string Summary()
    {
        var o = Options;
        var sb = new StringBuilder();
        sb.AppendLine(FormattableString.Invariant(
            $"GMM-GAN heatmap ({o.Objective.Name()} objective): mu* = ({o.TargetMu1}, {o.TargetMu2}), grid {o.Grid}x{o.Grid} over [{o.Min}, {o.Max}]^2, {o.Repeats} repeats, {o.Steps} steps, step size {o.StepSize}, unroll {o.UnrollSteps}, success = TV < {o.SuccessThreshold}, seed {o.Seed}"));
        foreach (var l in Layers)
        {
            double collapse = GmmHeatmapLayer.OffDiagonalMean(l.CollapseRate);
            double parameter = GmmHeatmapLayer.OffDiagonalMean(l.ParameterSuccessRate);
            sb.AppendLine(FormattableString.Invariant(
                $"  {Name(l.Kind),-12} off-diagonal mean success {l.OffDiagonalMeanSuccess:F4}  diagonal {l.DiagonalMeanSuccess:F4}  (means-within-threshold criterion: off-diagonal {parameter:F4})  off-diagonal discriminator-collapse rate {collapse:F4}  {l.Seconds:F1} s"));
        }
        sb.Append(FormattableString.Invariant($"  total {Seconds:F1} s"));
        return sb.ToString();
    }

    /// <summary>
    /// {"objective", one off-diagonal mean success per dynamics (optimal, unrolled, first_order), "diagonal": the same
    /// on the diagonal μ̂1(0) = μ̂2(0), "seconds"}, indented.
    /// </summary>
    public string ToJson()
    {
        var root = new JsonObject { ["objective"] = Options.Objective.Name() };
        var diagonal = new JsonObject();
        foreach (var layer in Layers)
        {
            root[Name(layer.Kind)] = layer.OffDiagonalMeanSuccess;
            diagonal[Name(layer.Kind)] = layer.DiagonalMeanSuccess;
        }
        root["diagonal"] = diagonal;
        root["seconds"] = Seconds;
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
