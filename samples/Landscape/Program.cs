// Landscape of J(θ) for the random-feature WGAN (No et al. 2021, Fig. 5): a 1-D mixture of two Gaussians,
// a narrow generator (Ng = 2) against a wide one (Ng = 10). Writes contour PNGs of J on a 2-D plane and
// prints a census of where gradient descent from random inits ends: global (J ≈ 0) or spurious.
using System.CommandLine;
using System.Globalization;
using MlGan.Cli;
using MlGan.Evaluation.Landscape;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms.Data;
using MlGan.Transforms.Generators;
using ScottPlot;
using TorchSharp;
using static TorchSharp.torch;

var initsOption = new Option<int>("--inits") { Description = "Random initialisations per generator width.", DefaultValueFactory = _ => 50 }.AtLeast(1);
var stepsOption = new Option<int>("--steps") { Description = "Most Levenberg–Marquardt steps per initialisation.", DefaultValueFactory = _ => 400 }.AtLeast(1);
var widthDOption = new Option<int>("--width-d") { Description = "Nd, the random-feature discriminator's width.", DefaultValueFactory = _ => 4 }.AtLeast(1);
var seedOption = new Option<int>("--seed") { Description = "Random seed (data, features, starts).", DefaultValueFactory = _ => 1 };
var outOption = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "out/landscape" };
var command = new RootCommand("No et al. 2021, Fig. 5: the J(θ) landscape of the random-feature WGAN, narrow (Ng = 2) vs wide (Ng = 10).")
{
    initsOption, stepsOption, widthDOption, seedOption, outOption,
};
command.SetAction(parse => Run(parse.GetValue(initsOption), parse.GetValue(stepsOption), parse.GetValue(widthDOption), parse.GetValue(seedOption), parse.GetValue(outOption)!));
return CliErrors.Invoke(command, "Landscape", args);

int Run(int inits, int steps, int discriminatorWidth, int seed, string outDir)
{
    Directory.CreateDirectory(outDir);
    torch.set_default_dtype(ScalarType.Float64);

    // Target: a two-Gaussian mixture in R¹, 0.7·N(−1, 0.25²) + 0.3·N(1.5, 0.25²) (unequal weights, so the
    // mirror-image fits θ2 ↦ −θ2 of a narrow generator are not equally good); latent z ~ N(0, 1) in R¹.
    var target = GaussianMixture.Clusters1D(new[] { -1.0, 1.5 }, 0.25, new[] { 0.7, 0.3 });
    var data = target.Sample(4000, new SeededRandom(seed)).Select(r => (double)r[0]).ToArray();
    var dataTensor = tensor(data).reshape(-1, 1);
    var latents = randn(4000, 1, generator: new torch.Generator((ulong)seed + 1));

    Console.WriteLine($"J landscape, two-Gaussian target, Nd = {discriminatorWidth}, {inits} random inits, ≤ {steps} Levenberg–Marquardt steps each");
    Console.WriteLine("Ng | global (J≈0) | spurious (∇J≈0, J>tol) | not converged | median final J | min final J");
    foreach (int ng in new[] { 2, 10 })
    {
        var generator = new RandomFeatureGenerator(1, 1, ng, Activation.Tanh, weightScale: 3, biasScale: 1, thetaScale: 1, seed: seed + 10);
        var discriminator = new RandomFeatureDiscriminator(1, discriminatorWidth, Activation.Tanh, weightScale: 1.5, etaScale: 0, seed: seed + 20);
        generator.to(ScalarType.Float64);
        discriminator.to(ScalarType.Float64);
        using var j = new RandomFeatureJ(new RandomFeatureWganObjective(generator, discriminator), dataTensor, latents);
        var random = new torch.Generator((ulong)seed + 30);
        var starts = Enumerable.Range(0, inits).Select(_ => randn(ng, generator: random) * 2).ToList();
        var settings = new CensusSettings(MaxSteps: steps, GlobalTolerance: 1e-9, GradientTolerance: 1e-10);
        var runs = StationaryPointCensus.RunLeastSquares(j.ResidualAndJacobian, starts, settings);
        var finals = runs.Select(r => r.FinalJ).OrderBy(v => v).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{ng,2} | {runs.Count(r => r.Kind == StationaryPointKind.Global),12} | {runs.Count(r => r.Kind == StationaryPointKind.Spurious),22} | {runs.Count(r => r.Kind == StationaryPointKind.NotConverged),13} | {finals[finals.Length / 2],14:E2} | {finals[0]:E2}"));
        File.WriteAllLines(Path.Combine(outDir, $"census_ng{ng}.csv"),
            new[] { "init,initial_J,final_J,grad_norm,steps,kind" }.Concat(runs.Select(r =>
                string.Create(CultureInfo.InvariantCulture, $"{r.Init},{r.InitialJ:R},{r.FinalJ:R},{r.GradientNorm:R},{r.Steps},{r.Kind}"))));

        // The plane: for Ng = 2 the (θ1, θ2) coordinates themselves; for Ng = 10 two filter-normalised random
        // directions through the best end point (Li et al. 2018).
        var best = runs.OrderBy(r => r.FinalJ).First();
        Tensor center, d1, d2;
        double span;
        if (ng == 2)
        {
            center = zeros(2); d1 = tensor(new[] { 1.0, 0.0 }); d2 = tensor(new[] { 0.0, 1.0 }); span = 3;
        }
        else
        {
            center = tensor(best.FinalPoint);
            d1 = FilterNormalizedDirection.Create(center, random);
            d2 = FilterNormalizedDirection.Create(center, random);
            span = 1;
        }
        var surface = LossSurface.OnPlane(j.Loss, center, d1, d2, span, resolution: 61);
        SaveContour(surface, Path.Combine(outDir, $"landscape_ng{ng}.png"),
            ng == 2 ? "J(θ1, θ2), Ng = 2" : "J on a random filter-normalised plane, Ng = 10", ng == 2 ? "θ1" : "direction 1", ng == 2 ? "θ2" : "direction 2");
    }
    Console.WriteLine($"Wrote {outDir}/landscape_ng2.png, landscape_ng10.png and census CSVs.");
    return 0;
}

static void SaveContour(LossSurface surface, string path, string title, string xLabel, string yLabel)
{
    int n = surface.A.Length;
    var logJ = new double[n, n];
    var points = new Coordinates3d[n, n];
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++)
        {
            // Heatmap rows run top to bottom: row r is b = B[n-1-r].
            logJ[n - 1 - k, i] = Math.Log10(surface.Values[i, k] + 1e-12);
            points[k, i] = new Coordinates3d(surface.A[i], surface.B[k], Math.Log10(surface.Values[i, k] + 1e-12));
        }
    var plot = new Plot();
    var heat = plot.Add.Heatmap(logJ);
    heat.Extent = new CoordinateRect(surface.A[0], surface.A[^1], surface.B[0], surface.B[^1]);
    plot.Add.ColorBar(heat).Label = "log10 J";
    plot.Add.ContourLines(points, 12);
    plot.Title(title);
    plot.XLabel(xLabel);
    plot.YLabel(yLabel);
    plot.SavePng(path, 700, 600);
}
