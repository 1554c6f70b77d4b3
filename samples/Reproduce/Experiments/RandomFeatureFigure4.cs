using System.Globalization;
using System.Text.RegularExpressions;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>
/// No et al. Figure 4: the random-feature WGAN (Ng = 5000, Nd = 1000) on 8 Gaussians, with MlGan's default Gauss–Newton θ
/// step and with the paper's own SGDA schedule (RandomFeatureWganOptions.PaperFigure4) next to it (samples/QuickStart).
/// </summary>
internal sealed partial class RandomFeatureFigure4 : IExperiment
{
    public string Id => "rfwgan-fig4";
    public string Title => "Random-feature WGAN Figure 4: 8 Gaussians, Ng = 5000, Nd = 1000";
    public string Paper => "No, Yoon, Kwon, Ryu 2021, WGAN with an infinitely wide generator has no spurious stationary points";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        string log = Path.Combine(context.Directory, "stdout.log");
        var claims = new List<Claim>();
        var commands = new List<string>();
        // The paper's schedule: SGD on θ, step 1e-5 decayed ×0.9 per pass, batch 5000, 4000 steps (quick: 300).
        int sgdaSteps = context.Quick ? 300 : 4000;
        foreach (var (name, label, extra) in new (string, string, string[])[]
        {
            ("gauss-newton", "MlGan default (damped Gauss–Newton θ step, 250 steps)", []),
            ("paper-sgda", $"paper's SGDA schedule ({sgdaSteps} steps{(context.Quick ? ", quick; the paper runs 4000" : "")})",
                ["--optimizer", "sgd", "--lr", "1e-5", "--decay", "0.9", "--batch", "5000", "--steps", sgdaSteps.ToString(CultureInfo.InvariantCulture)]),
        })
        {
            var (stdout, command) = context.Samples.Run("QuickStart", [.. extra, "--out", Path.Combine(context.Directory, name)], log);
            commands.Add(command);
            var m = ResultLine().Match(stdout);
            if (!m.Success) throw new InvalidDataException("QuickStart printed no RESULT line.");
            int modes = int.Parse(m.Groups["modes"].Value, CultureInfo.InvariantCulture);
            double hq = double.Parse(m.Groups["hq"].Value, CultureInfo.InvariantCulture);
            double j = double.Parse(m.Groups["j"].Value, CultureInfo.InvariantCulture);
            double j0 = double.Parse(m.Groups["j0"].Value, CultureInfo.InvariantCulture);
            claims.Add(Claim.Check($"{label}: the generator learns the 8 Gaussians", "\"the generator accurately learns the sampling distribution\" (Fig. 4b scatter)",
                string.Create(CultureInfo.InvariantCulture, $"{modes}/8 modes, {hq:P1} high-quality samples (within 3σ of a mode)"),
                modes == 8 && hq >= 0.8, "all 8 modes covered and ≥ 80 % of 5000 samples high quality",
                "fewer modes or fewer high-quality samples: plain SGD on θ is slow because J is badly conditioned in θ (see README: QuickStart)"));
            claims.Add(Claim.Check($"{label}: J converges to 0", "\"the loss functions converge to 0\" (Fig. 4c)",
                string.Create(CultureInfo.InvariantCulture, $"J = {j:E2} from J0 = {j0:E2} (J/J0 = {j / j0:E1})"),
                j <= 1e-3 * j0, "J/J0 ≤ 1e-3", "J/J0 > 1e-3 at the end of this budget"));
        }
        return new ExperimentOutcome(claims, commands, context.Figures("gauss-newton/samples.png", "gauss-newton/loss.png", "paper-sgda/samples.png", "paper-sgda/loss.png"));
    }

    [GeneratedRegex(@"RESULT modes=(?<modes>\d+)/8 hq=(?<hq>[0-9.]+) J=(?<j>[-+0-9.E]+) J0=(?<j0>[-+0-9.E]+)")]
    private static partial Regex ResultLine();
}
