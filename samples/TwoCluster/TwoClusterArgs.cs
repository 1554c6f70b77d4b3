using System.CommandLine;
using MlGan.Cli;

namespace MlGan.Samples.TwoCluster;

/// <summary>The sample's settings; --quick changes the defaults of --seeds and --steps where they are not given.</summary>
internal sealed record TwoClusterArgs
{
    public bool Quick { get; init; }
    public string Out { get; init; } = "";
    public IReadOnlyList<int> Widths { get; init; } = [];
    public int MainWidth { get; init; }
    public int Seeds { get; init; }
    public int Steps { get; init; }
    public double LearningRate { get; init; }
    public double Momentum { get; init; }
    public int DiscriminatorSteps { get; init; }
    public int GeneratorSteps { get; init; }
    public int Hold { get; init; }
    public int EvalEvery { get; init; }
    public int Threads { get; init; }

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
        var command = new RootCommand("Sun et al. 2020, §5: two-cluster data, JS-GAN vs RS-GAN with the authors' setup: D-loss plateau while collapsed, iterations to escape, effect of width.")
        {
            quick, output, widths, mainWidth, seeds, steps, lr, momentum, dSteps, gSteps, hold, evalEvery, threads,
        };
        command.SetAction(parse =>
        {
            bool isQuick = parse.GetValue(quick);
            var a = new TwoClusterArgs
            {
                Quick = isQuick,
                Out = parse.GetValue(output)!,
                Widths = (parse.GetValue(widths) ?? WidthSweep.Parse("10,40", "--widths")).Widths,
                MainWidth = parse.GetValue(mainWidth),
                Seeds = parse.GetValue(seeds) ?? (isQuick ? 3 : 10),
                Steps = parse.GetValue(steps) ?? (isQuick ? 3000 : 5000),
                LearningRate = parse.GetValue(lr),
                Momentum = parse.GetValue(momentum),
                DiscriminatorSteps = parse.GetValue(dSteps),
                GeneratorSteps = parse.GetValue(gSteps),
                Hold = parse.GetValue(hold),
                EvalEvery = parse.GetValue(evalEvery),
                Threads = parse.GetValue(threads),
            };
            if (!a.Widths.Contains(a.MainWidth))
                throw new ArgumentException($"--main-width {a.MainWidth} must be one of --widths ({string.Join(",", a.Widths)}).");
            return run(a);
        });
        return command;
    }
}
