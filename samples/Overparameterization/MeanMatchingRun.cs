using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms.Generators;
using MlGan.Transforms.Latent;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Samples.Overparameterization;

/// <summary>How the linear critic is updated (Sajedi et al. 2021: Thm 2.1 GDA, Thm 2.2 optimal D, App. Fig. 9c d_iter).</summary>
internal enum CriticUpdate { Gda, OptimalD, DIter }

internal sealed record MeanMatchingSettings(int LatentDimension, int Steps, int Batch, double GeneratorRate, double CriticRate, int DIter, int RecordEvery);

internal sealed record MeanMatchingResult(int Width, CriticUpdate Update, int Seed, double FinalMse, double InitialMse, double NnlsFloor,
    IReadOnlyList<(int Step, double Mse)> Curve, double Seconds);

/// <summary>
/// One run of Theorem 2.1's model on MlGan's engine: HiddenLayerGenerator G(z) = V·ReLU(Wz) (V frozen,
/// σ_v = 1/√k so the theorem's step size η ∝ 1/(k σ_v²) becomes a k-free constant), LinearDiscriminator dᵀx
/// with ℓ2 (λ = 1), the Wasserstein loss, plain SGD, all n data points every step, fresh z ~ N(0, I) each step.
/// The MSE is between the data mean x̄ and the generator's exact population mean V·(‖w_l‖/√(2π))_l.
/// </summary>
internal static class MeanMatchingRun
{
    public static MeanMatchingResult Run(float[][] data, int width, CriticUpdate update, int seed, MeanMatchingSettings s)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int m = data[0].Length;
        var mean = Enumerable.Range(0, m).Select(j => data.Average(r => (double)r[j])).ToArray();
        using var scope = NewDisposeScope();
        var generator = new HiddenLayerGenerator(s.LatentDimension, m, width, sigmaW: 1.0, sigmaV: 1.0 / Math.Sqrt(width), seed: seed);
        var critic = new LinearDiscriminator([m]);
        var settings = new GanStepperSettings
        {
            Dynamics = update switch
            {
                CriticUpdate.Gda => GanDynamics.Simultaneous,
                CriticUpdate.OptimalD => GanDynamics.OptimalLinearCritic,
                _ => GanDynamics.Alternating,
            },
            DiscriminatorSteps = update == CriticUpdate.DIter ? s.DIter : 1,
            GeneratorOptimizer = new OptimizerSettings(OptimizerKind.Sgd, s.GeneratorRate),
            DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Sgd, s.CriticRate),
            L2 = 1.0,
            BatchSize = s.Batch,
            LatentDistribution = LatentDistribution.Gaussian,
        };
        var real = tensor(data.SelectMany(r => r).ToArray(), [data.Length, m]);
        var v = generator.V.data<float>().ToArray();       // [m, k] row-major, frozen
        double nnls = NonNegativeLeastSquares.MinimalMse(
            Enumerable.Range(0, width).Select(l => Enumerable.Range(0, m).Select(j => (double)v[j * width + l] / Math.Sqrt(2 * Math.PI)).ToArray()).ToArray(),
            mean);
        var curve = new List<(int, double)>();
        double initial = Mse(generator, mean);
        using (var stepper = new GanStepper(generator, critic, GanLosses.ByName("wgan"), settings, () => real.alias(), unchecked(seed + 3)))
        {
            curve.Add((0, initial));
            for (int step = 0; step < s.Steps; step++)
            {
                stepper.Step(step, log: false);
                if ((step + 1) % s.RecordEvery == 0 || step + 1 == s.Steps) curve.Add((step + 1, Mse(generator, mean)));
            }
        }
        return new MeanMatchingResult(width, update, seed, curve[^1].Item2, initial, nnls, curve, clock.Elapsed.TotalSeconds);
    }

    /// <summary>‖x̄ − E G(z)‖² / m with E ReLU(w·z) = ‖w‖/√(2π) for z ~ N(0, I) (exact, no sampling noise).</summary>
    public static double Mse(HiddenLayerGenerator g, double[] mean)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var h = g.W.square().sum(1, keepdim: false).sqrt() / Math.Sqrt(2 * Math.PI);   // [k]: row norms of W
        var generated = g.V.matmul(h).to_type(ScalarType.Float64).data<double>().ToArray();
        return generated.Zip(mean, (a, b) => (a - b) * (a - b)).Sum() / mean.Length;
    }

    /// <summary>Monte-Carlo generated mean vs the closed form, as a self-check printed by the sample.</summary>
    public static double MonteCarloGap(int latentDimension, int m, int width, int seed, int count)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var g = new HiddenLayerGenerator(latentDimension, m, width, sigmaV: 1.0 / Math.Sqrt(width), seed: seed);
        var z = randn([count, latentDimension], generator: new torch.Generator(unchecked((ulong)seed + 99)));
        var mc = g.forward(z).mean([0L]).to_type(ScalarType.Float64);
        var h = g.W.square().sum(1, keepdim: false).sqrt() / Math.Sqrt(2 * Math.PI);
        var exact = g.V.matmul(h).to_type(ScalarType.Float64);
        return (mc - exact).abs().max().ToDouble();
    }
}
