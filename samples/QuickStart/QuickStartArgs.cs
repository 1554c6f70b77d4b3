using System.CommandLine;
using MlGan.Cli;
using MlGan.Trainers.RandomFeature;

namespace MlGan.Samples.QuickStart;

/// <summary>The sample's settings; every default is <see cref="RandomFeatureWganOptions"/>'s (the Fig. 4 networks).</summary>
internal sealed record QuickStartArgs(int Steps, int WidthG, int WidthD, int Seed, string Out, double LearningRate, int Batch, ThetaOptimizer Optimizer,
    double Decay, double DiscriminatorScale, double Damping, double DampingDecay, int LogEvery, double GeneratorScale, int EvaluationSize, int JacobianBatch)
{
    /// <summary>The command line; its action binds the options to a <see cref="QuickStartArgs"/> and hands it to <paramref name="run"/>.</summary>
    public static RootCommand Command(Func<QuickStartArgs, int> run)
    {
        var d = new RandomFeatureWganOptions();
        var steps = new Option<int>("--steps") { Description = "Training steps.", DefaultValueFactory = _ => d.Steps }.AtLeast(1);
        var widthG = new Option<int>("--width-g") { Description = "Ng, the generator's random features.", DefaultValueFactory = _ => d.GeneratorWidth }.AtLeast(2);
        var widthD = new Option<int>("--width-d") { Description = "Nd, the discriminator's random features.", DefaultValueFactory = _ => d.DiscriminatorWidth }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Random seed (data, features, batches, latents).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => "out/quickstart" };
        var lr = new Option<double>("--lr") { Description = "α, the θ step size.", DefaultValueFactory = _ => d.LearningRate }.Positive();
        var batch = new Option<int>("--batch") { Description = "Rows per minibatch.", DefaultValueFactory = _ => d.BatchSize }.AtLeast(1);
        var optimizer = new Option<ThetaOptimizer>("--optimizer") { Description = "The θ step: sgd, adam or gaussnewton.", DefaultValueFactory = _ => d.Optimizer }
            .Must(Enum.IsDefined, "sgd, adam or gaussnewton");
        var decay = new Option<double>("--decay") { Description = "α is multiplied by this after every pass over the data.", DefaultValueFactory = _ => d.LearningRateDecay }
            .Must(v => v > 0 && v <= 1, "in (0, 1]");
        var dScale = new Option<double>("--d-scale") { Description = "Standard deviation of the discriminator's features.", DefaultValueFactory = _ => d.DiscriminatorWeightScale }.Positive();
        var damping = new Option<double>("--damping") { Description = "Initial Gauss–Newton damping λ.", DefaultValueFactory = _ => d.GaussNewtonDamping }.Positive();
        var dampingDecay = new Option<double>("--damping-decay") { Description = "λ is multiplied by this after every pass over the data.", DefaultValueFactory = _ => d.GaussNewtonDampingDecay }
            .Must(v => v > 0 && v <= 1, "in (0, 1]");
        var gnBatch = new Option<int>("--gn-batch") { Description = "Latent rows of each Gauss–Newton step's Jacobian.", DefaultValueFactory = _ => d.GaussNewtonBatchSize }.AtLeast(1);
        var evalSize = new Option<int>("--eval-size") { Description = "Rows on which the exact J is evaluated.", DefaultValueFactory = _ => d.EvaluationSampleSize }.AtLeast(2);
        // The authors draw the frozen generator weights and biases with one scale; so does this option.
        var gScale = new Option<double>("--g-scale") { Description = "Standard deviation of the generator's frozen weights and biases.", DefaultValueFactory = _ => d.GeneratorWeightScale }.Positive();
        var logEvery = new Option<int>("--log-every") { Description = "Log J and L every this many steps.", DefaultValueFactory = _ => d.LogEvery }.AtLeast(1);
        var command = new RootCommand("No et al. 2021, Fig. 4: the random-feature WGAN on 8 Gaussians; plots, ONNX export and one RESULT line.")
        {
            steps, widthG, widthD, seed, output, lr, batch, optimizer, decay, dScale, damping, dampingDecay, gnBatch, evalSize, gScale, logEvery,
        };
        command.SetAction(parse => run(new QuickStartArgs(parse.GetValue(steps), parse.GetValue(widthG), parse.GetValue(widthD), parse.GetValue(seed),
            parse.GetValue(output)!, parse.GetValue(lr), parse.GetValue(batch), parse.GetValue(optimizer), parse.GetValue(decay), parse.GetValue(dScale),
            parse.GetValue(damping), parse.GetValue(dampingDecay), parse.GetValue(logEvery), parse.GetValue(gScale), parse.GetValue(evalSize), parse.GetValue(gnBatch))));
        return command;
    }
}
