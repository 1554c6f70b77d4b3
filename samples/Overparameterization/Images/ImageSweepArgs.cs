using System.CommandLine;
using MlGan.Cli;

namespace MlGan.Samples.OverparameterizationImages;

/// <summary>The sample's settings; --quick changes the defaults of every option not given explicitly.</summary>
internal sealed record ImageSweepArgs(bool Quick, string Out, string Net, IReadOnlyList<int> Widths, int Steps, int EvalEvery, int FidSamples,
    int NndSteps, int LatentDimension, int Seed, int Threads, string? Images, string? Features, int ImageSize)
{
    public static RootCommand Command(Func<ImageSweepArgs, int> run)
    {
        var quick = new Option<bool>("--quick") { Description = "k = 8,16,32, 300 steps, FID on 500 samples where those options are not given." };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => Path.Combine("out", "overparameterization-images") };
        var net = new Option<string>("--net") { Description = "Generator and critic family: dcgan or resnet (Fig. 4 a–c / d–f).", DefaultValueFactory = _ => "dcgan" }
            .Must(v => v is "dcgan" or "resnet", "dcgan or resnet");
        var widths = WidthSweepOption.Create("--widths", "Hidden dimension k of generator and critic alike (full 8..128, quick 8,16,32).");
        var steps = new Option<int?>("--steps") { Description = "Generator steps per k (full 5000, quick 300)." }.AtLeast(1);
        var evalEvery = new Option<int?>("--eval-every") { Description = "FID(train) and FID(test) every this many steps, for Fig. 5 (default steps / 10)." }.AtLeast(1);
        var fidSamples = new Option<int?>("--fid-samples") { Description = "Generated and real images per FID set (full 5000, quick 500)." }.AtLeast(16);
        var nndSteps = new Option<int?>("--nnd-steps") { Description = "Training steps of the NND critic (full 2000, quick 300)." }.AtLeast(1);
        var latent = new Option<int>("--latent") { Description = "Latent dimension.", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 2 }.AtLeast(1);
        var images = new Option<string?>("--images") { Description = "An image folder or .zip (e.g. CIFAR-10 or CelebA PNGs) instead of Fashion-MNIST; the last 10 % are the test set." };
        var features = new Option<string?>("--features") { Description = "ONNX feature net for FID on --images (required with --images; Fashion-MNIST uses the shipped net)." };
        var size = new Option<int>("--image-size") { Description = "--images are resized to this square size (RGB).", DefaultValueFactory = _ => 32 }.AtLeast(8);
        var command = new RootCommand("Balaji et al. 2021, Figs. 4–6: DCGAN / ResNet GAN width sweep on images — FID(train), FID(test) and NND vs k, FID vs iterations per k.")
        {
            quick, output, net, widths, steps, evalEvery, fidSamples, nndSteps, latent, seed, threads, images, features, size,
        };
        command.SetAction(parse =>
        {
            bool q = parse.GetValue(quick);
            int s = parse.GetValue(steps) ?? (q ? 300 : 5000);
            if (parse.GetValue(images) is not null && parse.GetValue(features) is null)
                throw new ArgumentException("--images needs --features (an ONNX feature net for those images); the shipped net is for Fashion-MNIST.");
            return run(new ImageSweepArgs(q, parse.GetValue(output)!, parse.GetValue(net)!,
                (parse.GetValue(widths) ?? WidthSweep.Parse(q ? "8,16,32" : "8..128", "--widths")).Widths, s, parse.GetValue(evalEvery) ?? Math.Max(1, s / 10),
                parse.GetValue(fidSamples) ?? (q ? 500 : 5000), parse.GetValue(nndSteps) ?? (q ? 300 : 2000), parse.GetValue(latent), parse.GetValue(seed),
                parse.GetValue(threads), parse.GetValue(images), parse.GetValue(features), parse.GetValue(size)));
        });
        return command;
    }
}
