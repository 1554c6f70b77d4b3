using System.CommandLine;
using MlGan.Cli;

namespace MlGan.Samples.TwoCluster;

/// <summary>The sample's settings; --quick changes the defaults of --seeds and --steps where they are not given.</summary>
internal sealed record TwoClusterArgs(bool Quick, string Out, IReadOnlyList<int> Widths, int MainWidth, int Seeds, int Steps, double LearningRate,
    double Momentum, int DiscriminatorSteps, int GeneratorSteps, int Hold, int EvalEvery, int Threads, double MinorShare, int MinorCluster, int OptimalCriticSteps)
{
    /// <summary>The command line; its action binds the options to a <see cref="TwoClusterArgs"/> and hands it to <paramref name="run"/>.</summary>
    public static RootCommand Command(Func<TwoClusterArgs, int> run)
    {
        var quick = new Option<bool>("--quick") { Description = "3 seeds and at most 3000 iterations where --seeds / --steps are not given." };
        var output = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => Path.Combine("out", "twocluster") };
        var widths = WidthSweepOption.Create("--widths", "D widths; G width = ceil(D/2) (default 10,40).");
        var mainWidth = new Option<int>("--main-width") { Description = "D width of the main table; one of --widths.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per loss and width (full 10, quick 3)." }.AtLeast(1);
        var steps = new Option<int?>("--steps") { Description = "Most iterations per run (full 5000, quick 3000)." }.AtLeast(1);
        var lr = new Option<double>("--lr") { Description = "SGD learning rate of both networks.", DefaultValueFactory = _ => 1e-2 }.Positive();
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum.", DefaultValueFactory = _ => 0.9 }.Must(v => v >= 0 && v < 1, "in [0, 1)");
        var dSteps = new Option<int>("--d-steps") { Description = "Discriminator steps per iteration.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var gSteps = new Option<int>("--g-steps") { Description = "Generator steps per iteration.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var hold = new Option<int>("--hold") { Description = "Iterations the escaped phase must last to count.", DefaultValueFactory = _ => 200 }.AtLeast(1);
        var evalEvery = new Option<int>("--eval-every") { Description = "Classify the fakes every this many iterations.", DefaultValueFactory = _ => 10 }.AtLeast(1);
        var threads = new Option<int>("--threads") { Description = "Torch threads.", DefaultValueFactory = _ => 1 }.AtLeast(1);
        var minorShare = new Option<double>("--minor-share")
        {
            Description = "Share of the reals in the minor cluster (0.5 = the script's balanced data; 0.1 = §6's imbalanced 90/10).",
            DefaultValueFactory = _ => 0.5,
        }.Must(v => v > 0 && v <= 0.5, "in (0, 0.5]");
        var minorAt = new Option<double>("--minor-at")
        {
            Description = "Where the minor cluster is: 4 (away from the generator's start) or 0 (where the generator starts collapsed).",
            DefaultValueFactory = _ => 4,
        }.Must(v => v is 0 or 4, "0 or 4");
        var optimalCritic = new Option<int?>("--optimal-critic-steps")
        {
            Description = "Critic steps against the frozen collapsed generator, for the D-loss at an optimised critic (full 20000, quick 5000; 0 = skip).",
        }.AtLeast(0);
        var command = new RootCommand("Sun et al. 2020, §5: two-cluster data, JS-GAN vs RS-GAN with the authors' setup: D-loss plateau while collapsed, iterations to escape, effect of width.")
        {
            quick, output, widths, mainWidth, seeds, steps, lr, momentum, dSteps, gSteps, hold, evalEvery, threads, minorShare, minorAt, optimalCritic,
        };
        command.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            var a = new TwoClusterArgs(isQuick, parse.GetValue(output)!, (parse.GetValue(widths) ?? WidthSweep.Parse("10,40", "--widths")).Widths,
                parse.GetValue(mainWidth), parse.GetValue(seeds) ?? (isQuick ? 3 : 10), parse.GetValue(steps) ?? (isQuick ? 3000 : 5000),
                parse.GetValue(lr), parse.GetValue(momentum), parse.GetValue(dSteps), parse.GetValue(gSteps), parse.GetValue(hold),
                parse.GetValue(evalEvery), parse.GetValue(threads), parse.GetValue(minorShare), parse.GetValue(minorAt) == 0 ? 0 : 1, parse.GetValue(optimalCritic) ?? (isQuick ? 5000 : 20000));
            if (!a.Widths.Contains(a.MainWidth))
                throw new ArgumentException($"--main-width {a.MainWidth} must be one of --widths ({string.Join(",", a.Widths)}).");
            return run(a);
        });
        return command;
    }
}
