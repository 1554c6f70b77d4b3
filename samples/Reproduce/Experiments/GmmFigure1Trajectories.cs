using System.Globalization;
using MlGan.Cli.Commands;
using MlGan.Trainers.GmmGan;

namespace MlGan.Samples.Reproduce.Experiments;

/// <summary>Li et al. Figure 1: the four behaviours of the GMM-GAN dynamics from MlGan's <see cref="GmmFigure1"/> starts.</summary>
internal sealed class GmmFigure1Trajectories : IExperiment
{
    public string Id => "gmm-fig1";
    public string Title => "GMM-GAN Figure 1: converging, mode collapse, optimal discriminator, vanishing gradient";
    public string Paper => "Li, Mądry, Peebles, Schmidt 2017, Towards understanding the dynamics of GANs";

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var ci = CultureInfo.InvariantCulture;
        GmmCommand.WriteFigure1(context.Directory);
        var a = GmmFigure1.Converging.Run();
        var b = GmmFigure1.ModeCollapse.Run();
        var c = GmmFigure1.Optimal.Run();
        var d = GmmFigure1.VanishingGradient.Run();
        string Mu(GmmRunResult r) => string.Create(ci, $"μ̂ = ({r.Final.Mu1:F3}, {r.Final.Mu2:F3}), TV {r.TotalVariation:F3}");
        var claims = new List<Claim>
        {
            Claim.Check("(a) first-order dynamics converging", "first-order dynamics converge to μ* = (−0.5, 0.5)", Mu(a),
                a.TotalVariation < 0.1, "TV < 0.1 at the end", "TV ≥ 0.1 at the end"),
            Claim.Check("(b) first-order dynamics, mode collapse", "both generator means end on one mode", Mu(b),
                Math.Abs(b.Final.Mu1 - b.Final.Mu2) < 0.5 && b.TotalVariation >= 0.1, "the means end within 0.5 of each other, TV ≥ 0.1",
                "the means did not end together away from the truth"),
            Claim.Check("(c) optimal discriminator dynamics", "converge from the start of (b)", Mu(c) + string.Create(ci, $" after {GmmFigure1.Optimal.Steps} steps"),
                c.TotalVariation < 0.1, "TV < 0.1", "TV ≥ 0.1"),
            Claim.Check("(d) first-order dynamics, vanishing gradient", "both discriminator intervals collapse and the generator stops away from μ*",
                Mu(d) + $", intervals collapsed after steps {d.Interval1CollapsedAtStep?.ToString(ci) ?? "never"} / {d.Interval2CollapsedAtStep?.ToString(ci) ?? "never"}",
                d.Interval1CollapsedAtStep.HasValue && d.Interval2CollapsedAtStep.HasValue && d.TotalVariation >= 0.1,
                "both intervals reached width 0 (an exact fixed point) with TV ≥ 0.1", "not both intervals collapsed, or the run converged"),
        };
        string note = "The paper does not list its initial conditions; MlGan's were found by a random search (GmmFigure1).";
        claims = claims.Select(x => x with { Reason = x.Reason + ". " + note }).ToList();
        return new ExperimentOutcome(claims, ["(in process) GmmCommand.WriteFigure1 = dotnet run -c Release --project src/Cli -- gmm --figure1 --out DIR"],
            context.Figures(GmmFigure1.All.Select(s => $"gmm_figure1_{s.Name}.png").ToArray()));
    }
}
