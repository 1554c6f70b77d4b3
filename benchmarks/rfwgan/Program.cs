// Per-step time of MlGan's random-feature WGAN (SGDA) at the Fig. 4 setting of No et al.:
// k = 2, n = 2, Ng = 5000, Nd = 1000, tanh, batch 1000. Times Fit with S1 and S2 steps through the public
// estimator and reports (t(S2) − t(S1)) / (S2 − S1), so set-up and the two exact-J evaluations cancel out.
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlGan.Trainers;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms;
using TorchSharp;

if (args.Length > 0 && args[0] == "roofline")
{
    Roofline.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount);
    return;
}
int s1 = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
int s2 = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 120;
int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
torch.set_num_threads(threads);
var ml = new MLContext(1);
var data = ml.Gan().Data.GaussianRing(count: 50_000, seed: 1);

double Time(int steps)
{
    var options = new RandomFeatureWganOptions
    {
        GeneratorWidth = 5000, DiscriminatorWidth = 1000, BatchSize = 1000, Steps = steps, LogEvery = steps,
        EvaluationSampleSize = 2000, LearningRate = 1e-5, Optimizer = ThetaOptimizer.Sgd, Seed = 1,
    };
    var clock = Stopwatch.StartNew();
    using var _ = ml.Gan().Trainers.RandomFeatureWgan(options).Fit(data);
    return clock.Elapsed.TotalSeconds;
}

Time(5); // warm-up: JIT, libtorch thread pool
var t1 = Enumerable.Range(0, 3).Select(_ => Time(s1)).Min();
var t2 = Enumerable.Range(0, 3).Select(_ => Time(s2)).Min();
double perStep = (t2 - t1) / (s2 - s1);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlgan threads={threads} ms_per_step={perStep * 1000:F2}"));
