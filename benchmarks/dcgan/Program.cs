// Per-step time of MlGan's DCGAN training step at 28×28, k = 64, batch 64: the real GanStepper (the step the
// estimator's loop runs) with MlGan's DcganGenerator / DcganDiscriminator, for WGAN-GP (λ = 10, n_critic = 5,
// Adam(1e-4, 0.5, 0.999)) and JS (non-saturating G, n_critic = 1, Adam(2e-4, 0.5, 0.999)). Real batches are slices
// of a fixed in-memory tensor of images in [-1, 1], as in the PyTorch peer (data loading is not what is timed).
// IMPL "raw" runs the same networks and update as a hand-written TorchSharp loop (no GanStepper): the difference
// to "mlgan" is the stepper's own overhead on the same libtorch (2.10), which the Debian PyTorch 1.13 peer cannot show.
// Usage: DcganBench STEPS THREADS [mlgan|raw] [FAMILY...]; prints one line per family: "mlgan family=… ms_per_step=…".
using System.Diagnostics;
using System.Globalization;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.Dynamics;
using MlGan.Trainers.Losses;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
string impl = args.Length > 2 ? args[2] : "mlgan";
string[] families = args.Length > 3 ? args[3..] : ["wgan-gp", "js"];
const int K = 64, Batch = 64, Latent = 100, Pool = 1024;
long[] shape = [1, 28, 28];
torch.set_num_threads(threads);
MlGan.Transforms.Native.TorchNative.EnsureAvailable(); // MlGan's oneDNN policy for both "mlgan" and "raw"

var images = torch.rand([Pool, .. shape], generator: new torch.Generator(7)) * 2 - 1;
foreach (var family in families)
{
    var (loss, settings) = family switch
    {
        "wgan-gp" => ((GanLoss)new WassersteinGanLoss(), new GanStepperSettings
        {
            GradientPenalty = 10, DiscriminatorSteps = 5, BatchSize = Batch,
            GeneratorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 1e-4), DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 1e-4),
        }),
        "js" => (new JsNonSaturatingGanLoss(), new GanStepperSettings
        {
            DiscriminatorSteps = 1, BatchSize = Batch,
            GeneratorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 2e-4), DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 2e-4),
        }),
        _ => throw new ArgumentException($"Unknown family '{family}'; expected wgan-gp or js."),
    };
    using var g = new DcganGenerator(Latent, K, shape, seed: 1);
    using var d = new DcganDiscriminator(K, shape, seed: 2);
    long next = 0;
    Tensor Real()
    {
        long start = next % (Pool / Batch) * Batch;
        next++;
        return images.narrow(0, start, Batch);
    }
    using var stepper = new GanStepper(g, d, loss, settings, Real, seed: 3);
    Action step = impl switch
    {
        "mlgan" => () => stepper.Step(0, log: true),
        "raw" => RawStep(g, d, family == "wgan-gp", settings, Real),
        _ => throw new ArgumentException($"Unknown implementation '{impl}'; expected mlgan or raw."),
    };
    for (int i = 0; i < 2; i++) step(); // warm-up: JIT, libtorch thread pool, allocator
    var times = new List<double>();
    for (int i = 0; i < steps; i++)
    {
        var clock = Stopwatch.StartNew();
        step();
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    double median = times[times.Count / 2];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{impl} family={family} threads={threads} steps={steps} min_ms={times[0]:F1} ms_per_step={median:F1}"));
}

// The update of dcgan_torch.py, line for line, in TorchSharp.
static Action RawStep(DcganGenerator g, DcganDiscriminator d, bool wgan, GanStepperSettings s, Func<Tensor> real)
{
    var optG = optim.Adam(g.parameters(), s.GeneratorOptimizer.LearningRate, 0.5, 0.999);
    var optD = optim.Adam(d.parameters(), s.DiscriminatorOptimizer.LearningRate, 0.5, 0.999);
    static double Norm(IEnumerable<TorchSharp.Modules.Parameter> ps) =>
        Math.Sqrt(ps.Where(p => p.grad is not null).Sum(p => p.grad!.square().sum().ToDouble()));
    return () =>
    {
        using var scope = NewDisposeScope();
        g.train();
        d.train();
        for (int c = 0; c < s.DiscriminatorSteps; c++)
        {
            var x = real();
            Tensor fake;
            using (no_grad()) fake = g.forward(randn(64, 100));
            var fr = d.forward(x);
            var ff = d.forward(fake);
            Tensor dl, gp;
            if (wgan)
            {
                dl = ff.mean() - fr.mean();
                var eps = rand(x.shape[0], 1, 1, 1);
                var mixed = (eps * x.detach() + (1 - eps) * fake.detach()).requires_grad_(true);
                var grad = torch.autograd.grad(new[] { d.forward(mixed).sum() }, new[] { mixed }, retain_graph: true, create_graph: true)[0];
                gp = grad.reshape(grad.shape[0], -1).norm(1, false, 2).sub(1.0).square().mean() * 10.0;
            }
            else
            {
                dl = (nn.functional.softplus(fr.neg()).mean() + nn.functional.softplus(ff).mean()) * 0.5;
                gp = zeros(1).sum();
            }
            optD.zero_grad();
            (dl + gp).backward();
            Norm(d.parameters());
            optD.step();
            dl.ToDouble();
            gp.ToDouble();
        }
        var f = d.forward(g.forward(randn(64, 100)));
        var gl = wgan ? f.mean().neg() : nn.functional.softplus(f.neg()).mean();
        optG.zero_grad();
        gl.backward();
        Norm(g.parameters());
        optG.step();
        gl.ToDouble();
    };
}
