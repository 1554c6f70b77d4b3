// Per-step time of MlGan's DCGAN training step at 28×28, k = 64, batch 64: the real GanStepper (the step the
// estimator's loop runs) with MlGan's DcganGenerator / DcganDiscriminator, for WGAN-GP (λ = 10, n_critic = 5,
// Adam(1e-4, 0.5, 0.999)) and JS (non-saturating G, n_critic = 1, Adam(2e-4, 0.5, 0.999)). Real batches are slices
// of a fixed in-memory tensor of images in [-1, 1], as in the PyTorch peer (data loading is not what is timed).
// IMPL "raw" runs the same networks and update as a hand-written TorchSharp loop (no GanStepper): the difference
// to "mlgan" is the stepper's own overhead on the same libtorch (2.10), which the Debian PyTorch 1.13 peer cannot show.
// FAMILY "sample" is the step of samples/FashionMnistGan: class-conditional DCGAN (k = 32, label embedding 32) with a
// spectral-norm projection critic, hinge loss, DiffAugment translation on real and fake critic inputs, generator EMA
// 0.999, Adam(2e-4 / 4e-4, 0.5, 0.999), one critic step per generator step.
// Usage: DcganBench STEPS THREADS [mlgan|raw] [FAMILY...]; prints one line per family: "mlgan family=… ms_per_step=…".
using System.Diagnostics;
using System.Globalization;
using MlGan.Trainers.Augmentation;
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
var classes = torch.arange(Pool, dtype: ScalarType.Int64) % 10;
foreach (var family in families)
{
    if (family == "sample")
    {
        Measure(impl, family, SampleStep(impl, images, classes));
        continue;
    }
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
    Measure(impl, family, step);
}

void Measure(string impl, string family, Action step)
{
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

// ‖∇‖ of the updated network, as GanStepper logs it every step.
static double Norm(IEnumerable<TorchSharp.Modules.Parameter> ps) =>
    Math.Sqrt(ps.Where(p => p.grad is not null).Sum(p => p.grad!.square().sum().ToDouble()));

// The sample's step: "mlgan" through GanStepper, "raw" the same networks and update written out by hand.
static Action SampleStep(string impl, Tensor images, Tensor classes)
{
    const int k = 32, batch = 64, latent = 100, embedding = 32, classCount = 10;
    long[] shape = [1, 28, 28];
    var g = new ConditionalGenerator(new DcganGenerator(latent + embedding, k, shape, seed: 1), classCount, embedding, seed: 5);
    var d = new ProjectionDiscriminator(new DcganDiscriminator(k, shape, spectralNorm: true, seed: 2), classCount, spectralNorm: true, seed: 6);
    var augment = DiffAugment.Parse("translation");
    var settings = new GanStepperSettings
    {
        DiscriminatorSteps = 1, BatchSize = batch, EmaDecay = 0.999, Augmentation = augment,
        GeneratorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 2e-4), DiscriminatorOptimizer = new OptimizerSettings(OptimizerKind.Adam, 4e-4),
    };
    long next = 0, pool = images.shape[0];
    RealBatch Real()
    {
        long start = next % (pool / batch) * batch;
        next++;
        return new RealBatch(images.narrow(0, start, batch), classes.narrow(0, start, batch));
    }
    if (impl == "mlgan")
    {
        var stepper = new GanStepper(g, d, new HingeGanLoss(), settings, Real, seed: 3);
        return () => stepper.Step(0, log: true);
    }
    if (impl == "critic-forward")
    {
        // Only the step's three critic forward passes (real, fake, fake for G), with autograd recording as in training:
        // the part of the step a oneDNN policy "on for conv2d forward only" would speed up.
        var fakes = g.forward(randn(batch, latent), classes.narrow(0, 0, batch)).detach();
        return () =>
        {
            using var scope = NewDisposeScope();
            var (x, y) = Real();
            using (d.Condition(y!))
                for (int pass = 0; pass < 3; pass++) d.forward(pass == 0 ? x : fakes).sum().ToDouble();
        };
    }
    if (impl != "raw") throw new ArgumentException($"Unknown implementation '{impl}'; expected mlgan, raw or critic-forward.");
    var optG = optim.Adam(g.parameters(), 2e-4, 0.5, 0.999);
    var optD = optim.Adam(d.parameters(), 4e-4, 0.5, 0.999);
    var ema = g.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
    var random = new torch.Generator(3);
    return () =>
    {
        using var scope = NewDisposeScope();
        g.train();
        d.train();
        var (x, y) = Real();
        Tensor fake;
        using (no_grad()) fake = g.forward(randn(batch, latent), y!);
        Tensor dl;
        using (d.Condition(y!))
            dl = nn.functional.relu(1 - d.forward(augment.Apply(x, random))).mean() + nn.functional.relu(1 + d.forward(augment.Apply(fake, random))).mean();
        optD.zero_grad();
        dl.backward();
        Norm(d.parameters());
        optD.step();
        dl.ToDouble();
        Tensor gl; // the generator step reuses the step's real labels, as GanStepper does
        using (d.Condition(y!))
            gl = d.forward(augment.Apply(g.forward(randn(batch, latent), y!), random)).mean().neg();
        optG.zero_grad();
        gl.backward();
        Norm(g.parameters());
        optG.step();
        gl.ToDouble();
        using (no_grad())
            foreach (var (name, p) in g.named_parameters())
                ema[name].mul_(0.999).add_(p, alpha: 0.001);
    };
}

// The update of dcgan_torch.py, line for line, in TorchSharp.
static Action RawStep(DcganGenerator g, DcganDiscriminator d, bool wgan, GanStepperSettings s, Func<Tensor> real)
{
    var optG = optim.Adam(g.parameters(), s.GeneratorOptimizer.LearningRate, 0.5, 0.999);
    var optD = optim.Adam(d.parameters(), s.DiscriminatorOptimizer.LearningRate, 0.5, 0.999);
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
