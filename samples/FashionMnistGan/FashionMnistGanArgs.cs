using System.CommandLine;
using MlGan.Cli;

namespace MlGan.Samples.FashionMnistGan;

/// <summary>The sample's settings (defaults: the recipe of the README's result).</summary>
internal sealed record FashionMnistGanArgs(string Out, string Net, int Width, int LatentDimension, int BatchSize, int Steps, double Minutes,
    double LearningRateG, double LearningRateD, double Beta1, double Beta2, string DiffAugment, double Ema, int FidEvery, int FidSamples,
    int FinalSamples, int Seed, int Threads, string? FashionMnistDirectory)
{
    /// <summary>The command line; its action binds the options and hands them to <paramref name="run"/>.</summary>
    public static RootCommand Command(Func<FashionMnistGanArgs, int> run)
    {
        var output = new Option<string>("--out") { Description = "Output directory (grid.png, fid.png, generator.onnx, log.csv, fid.csv).", DefaultValueFactory = _ => Path.Combine("out", "fashion-mnist-gan") };
        var net = new Option<string>("--net") { Description = "Networks: dcgan | resnet.", DefaultValueFactory = _ => "dcgan" };
        net.AcceptOnlyFromAmong("dcgan", "resnet");
        var width = new Option<int>("--width") { Description = "Base filters k of both networks.", DefaultValueFactory = _ => 32 }.AtLeast(1);
        var latent = new Option<int>("--latent-dim") { Description = "Latent dimension.", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var batch = new Option<int>("--batch") { Description = "Batch size.", DefaultValueFactory = _ => 64 }.AtLeast(1);
        var steps = new Option<int>("--steps") { Description = "Most training steps (training also ends when --minutes have passed).", DefaultValueFactory = _ => 100_000 }.AtLeast(1);
        var minutes = new Option<double>("--minutes") { Description = "Training time budget in minutes (the final evaluation comes after).", DefaultValueFactory = _ => 26 }.Positive();
        var lrG = new Option<double>("--lr-g") { Description = "Adam learning rate of the generator.", DefaultValueFactory = _ => 2e-4 }.Positive();
        var lrD = new Option<double>("--lr-d") { Description = "Adam learning rate of the critic (twice the generator's: TTUR).", DefaultValueFactory = _ => 4e-4 }.Positive();
        var beta1 = new Option<double>("--beta1") { Description = "Adam β1 of both networks.", DefaultValueFactory = _ => 0.5 }.Must(v => v >= 0 && v < 1, "in [0, 1)");
        var beta2 = new Option<double>("--beta2") { Description = "Adam β2 of both networks.", DefaultValueFactory = _ => 0.999 }.Must(v => v >= 0 && v < 1, "in [0, 1)");
        var augment = new Option<string>("--diffaugment") { Description = "DiffAugment policies on every critic input (comma-separated translation, cutout, color; 'none': off).", DefaultValueFactory = _ => "translation" };
        var ema = new Option<double>("--ema") { Description = "Decay of the generator-weight EMA (0: off); the EMA generator is evaluated and exported.", DefaultValueFactory = _ => 0.999 }.Must(v => v >= 0 && v < 1, "in [0, 1)");
        var fidEvery = new Option<int>("--fid-every") { Description = "FID on the test set every this many steps.", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var fidSamples = new Option<int>("--fid-samples") { Description = "Generated samples per FID during training.", DefaultValueFactory = _ => 2000 }.AtLeast(2);
        var finalSamples = new Option<int>("--final-samples") { Description = "Generated samples of the final FID (against the 10,000 test images).", DefaultValueFactory = _ => 10_000 }.AtLeast(2);
        var seed = new Option<int>("--seed") { Description = "Seed of the weights, batches, latents and augmentations.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch threads (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount }.AtLeast(1);
        var dir = new Option<string?>("--fashion-mnist-dir") { Description = "Directory of the Fashion-MNIST IDX files (default: Debian's)." };
        var command = new RootCommand("A class-conditional GAN on Fashion-MNIST (hinge loss, spectral-norm projection critic, DiffAugment, generator EMA) with FID on the test set during training.")
        {
            output, net, width, latent, batch, steps, minutes, lrG, lrD, beta1, beta2, augment, ema, fidEvery, fidSamples, finalSamples, seed, threads, dir,
        };
        command.SetAction(parse => run(new FashionMnistGanArgs(parse.GetValue(output)!, parse.GetValue(net)!, parse.GetValue(width), parse.GetValue(latent),
            parse.GetValue(batch), parse.GetValue(steps), parse.GetValue(minutes), parse.GetValue(lrG), parse.GetValue(lrD), parse.GetValue(beta1),
            parse.GetValue(beta2), parse.GetValue(augment)!, parse.GetValue(ema), parse.GetValue(fidEvery), parse.GetValue(fidSamples),
            parse.GetValue(finalSamples), parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(dir))));
        return command;
    }
}
