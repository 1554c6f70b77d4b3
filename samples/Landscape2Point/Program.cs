using System.CommandLine;
using System.Globalization;
using System.Text;
using MlGan.Cli;
using MlGan.Trainers.Losses;

// Sun et al. 2020 ("Towards a better global loss landscape of GANs"), §3: two data points x1, x2 and two
// generated points y1, y2; the discriminator is free at every point and optimised numerically on our own
// loss tensors (TwoPointLandscape). Prints φ(Y, X) for every bounded loss and state next to Claims 3.1/3.2.
// Usage: dotnet run --project samples/Landscape2Point -- [--out DIR] [--x1 0] [--x2 4]

var outOption = new Option<string>("--out") { Description = "Output directory.", DefaultValueFactory = _ => Path.Combine("out", "landscape2point") };
var x1Option = new Option<double>("--x1") { Description = "The first data point.", DefaultValueFactory = _ => TwoPointLandscape.DefaultX1 }.Must(double.IsFinite, "finite");
var x2Option = new Option<double>("--x2") { Description = "The second data point.", DefaultValueFactory = _ => TwoPointLandscape.DefaultX2 }.Must(double.IsFinite, "finite");
var command = new RootCommand("Sun et al. 2020, §3: the two-point landscape φ(Y, X) of every bounded loss next to Claims 3.1/3.2.") { outOption, x1Option, x2Option };
command.SetAction(parse => Run(parse.GetValue(outOption)!, parse.GetValue(x1Option), parse.GetValue(x2Option)));
return CliErrors.Invoke(command, "Landscape2Point", args);

int Run(string outDir, double x1, double x2)
{
    var ci = CultureInfo.InvariantCulture;
    string F(double v) => v.ToString("F4", ci);
    var csv = new StringBuilder("loss,state,x1,x2,y1,y2,ours,paper,abs_diff,d_loss,newton_iterations\n");
    var states = new[] { TwoPointState.S2, TwoPointState.S1b, TwoPointState.S1a, TwoPointState.S0 };
    double worst = 0;

    Console.WriteLine($"2-point landscape φ(Y, X) = sup_f objective, data x1 = {x1}, x2 = {x2} (Sun et al. 2020, Claims 3.1, 3.2)");
    foreach (var loss in GanLosses.All().Where(l => l.Family != GanLossFamily.Wasserstein))
    {
        foreach (var state in states)
        {
            var (x, y) = TwoPointLandscape.Configuration(state, x1, x2);
            Row(loss, state.ToString().ToLowerInvariant(), x, y, TwoPointLandscape.PaperValue(loss.Name, state));
        }
        Console.WriteLine($"{loss.Name} collapse D-loss (s1a) = {F(loss.CollapseValue!.Value)}");
    }

    // Pairing matters for relativistic losses: Eq. (4) pairs xᵢ with yᵢ. Swapped perfect recovery is a 2-cycle
    // (still −log 2); mode dropping whose hit point is paired with the other data point is a chain (→ 0).
    Console.WriteLine("Relativistic pairing order (y paired with x in the order given):");
    var rs = GanLosses.ByName("rs");
    double mid = x1 + 0.5 * (x2 - x1);
    Row(rs, "s2-swapped", [x1, x2], [x2, x1], -Math.Log(2));
    Row(rs, "s1a-at-x2", [x1, x2], [x2, x2], -Math.Log(2) / 2);
    Row(rs, "s1b-crossed", [x1, x2], [x2, mid], null);

    Directory.CreateDirectory(outDir);
    string path = Path.Combine(outDir, "landscape2point.csv");
    File.WriteAllText(path, csv.ToString());
    Console.WriteLine($"max |ours − paper| = {worst:E2}; wrote {path}");
    return 0;

    void Row(GanLoss loss, string state, double[] x, double[] y, double? paper)
    {
        var sol = TwoPointLandscape.Solve(loss, x, y);
        double? diff = paper is { } p ? Math.Abs(sol.Value - p) : null;
        if (diff is { } d) worst = Math.Max(worst, d);
        Console.WriteLine($"{loss.Name.ToUpperInvariant(),-8} {state,-11} ours={F(sol.Value),-8} paper={(paper is { } q ? F(q) : "n/a")}");
        csv.Append(ci, $"{loss.Name},{state},{x[0]},{x[1]},{y[0]},{y[1]},{sol.Value:R},{paper?.ToString("R", ci)},{diff?.ToString("R", ci)},{sol.DiscriminatorLoss:R},{sol.Iterations}\n");
    }
}
