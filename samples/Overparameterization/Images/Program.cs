// Balaji et al. 2021, "Understanding overparameterization in GANs", §3 Figs. 4–6 on MlGan's engine: DCGAN (or ResNet)
// GANs with hidden dimension k = 8 … 128 in generator and critic, FID against the train and a held-out test set during
// and after training, and the neural-net divergence. Fashion-MNIST by default (the paper: CIFAR-10, CelebA); any image
// folder with --images and a feature net with --features. Writes CSVs and the three figures under --out.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using MlGan.Cli;
using MlGan.Evaluation;
using MlGan.Evaluation.FeatureExtractors;
using MlGan.Samples.OverparameterizationImages;

return CliErrors.Invoke(ImageSweepArgs.Command(Run), "OverparameterizationImages", args);

int Run(ImageSweepArgs a)
{
    var ci = CultureInfo.InvariantCulture;
    var clock = Stopwatch.StartNew();
    TorchSharp.torch.set_num_threads(a.Threads);
    Directory.CreateDirectory(a.Out);
    var ml = new MLContext(a.Seed);
    using var real = a.Images is null ? RealImages.FashionMnist(ml, a.FidSamples) : RealImages.Folder(ml, a.Images, a.Features!, a.ImageSize, a.FidSamples);
    double realFid = FrechetDistance.Compute(real.Features.ExtractFeatures(real.TrainRows), real.TestStatistics);
    Console.WriteLine(string.Create(ci, $"mode={(a.Quick ? "quick" : "full")} data={real.Description} net={a.Net} widths={string.Join(",", a.Widths)} steps={a.Steps} " +
        $"FID every {a.EvalEvery} steps on {a.FidSamples} samples, NND {a.NndSteps} steps, latent {a.LatentDimension}, seed {a.Seed}, {a.Threads} threads"));
    Console.WriteLine(string.Create(ci, $"real floor: FID({a.FidSamples} train vs {a.FidSamples} test images) = {realFid:F2}"));

    var results = new List<ImageSweepResult>();
    foreach (int k in a.Widths)
    {
        var r = ImageSweepRun.Run(ml, real, a, k);
        results.Add(r);
        Console.WriteLine(string.Create(ci, $"  k={k,4}: FID train {r.FidTrain:F2} test {r.FidTest:F2} NND {r.Nnd:F3}; curve {string.Join(" ", r.Curve.Select(p => $"{p.Step}:{p.FidTrain:F0}"))} (train {r.TrainSeconds:F0} s, eval {r.EvalSeconds:F0} s)"));
    }

    var csv = new StringBuilder("net,k,fid_train,fid_test,nnd,steps,fid_samples,train_seconds,eval_seconds\n");
    foreach (var r in results) csv.Append(ci, $"{a.Net},{r.Width},{r.FidTrain:R},{r.FidTest:R},{r.Nnd:R},{a.Steps},{a.FidSamples},{r.TrainSeconds:F1},{r.EvalSeconds:F1}\n");
    csv.Append(ci, $"{a.Net},real,{realFid:R},{realFid:R},,,{a.FidSamples},,\n");
    File.WriteAllText(Path.Combine(a.Out, "image_sweep.csv"), csv.ToString());
    var curves = new StringBuilder("net,k,step,fid_train,fid_test\n");
    foreach (var r in results) foreach (var p in r.Curve) curves.Append(ci, $"{a.Net},{r.Width},{p.Step},{p.FidTrain:R},{p.FidTest:R}\n");
    File.WriteAllText(Path.Combine(a.Out, "fid_curves.csv"), curves.ToString());
    ImageSweepPlots.FidByWidth(results, realFid, $"Fig. 4 analogue: {a.Net}, {a.Steps} steps", Path.Combine(a.Out, "fig4_fid_vs_k.png"));
    ImageSweepPlots.FidCurves(results, $"Fig. 5 analogue: {a.Net} FID over training", Path.Combine(a.Out, "fig5_fid_vs_step.png"));
    ImageSweepPlots.NndByWidth(results, $"Fig. 6 analogue: {a.Net} NND vs k", Path.Combine(a.Out, "fig6_nnd_vs_k.png"));

    Console.WriteLine();
    Console.WriteLine($"| k | FID(train) | FID(test) | NND | (paper: FID falls with k and saturates at k = 64 for DCGAN, 128 for ResNet; FID test > train, gap not growing; NND falls with k) |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var r in results) Console.WriteLine(string.Create(ci, $"| {r.Width} | {r.FidTrain:F2} | {r.FidTest:F2} | {r.Nnd:F3} | |"));
    Console.WriteLine(string.Create(ci, $"| real train vs test | {realFid:F2} | {realFid:F2} | — | |"));
    Console.WriteLine($"Wrote {a.Out}/image_sweep.csv, fid_curves.csv, fig4_fid_vs_k.png, fig5_fid_vs_step.png, fig6_nnd_vs_k.png");
    Console.WriteLine(string.Create(ci, $"machine time: {clock.Elapsed.TotalSeconds:F0} s wall ({a.Threads} torch thread(s))"));
    return 0;
}
