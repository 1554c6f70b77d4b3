namespace MlGan.Trainers.GmmGan;

/// <summary>
/// Which normalisation of the GMM-GAN objective the dynamics follow. The paper defines L with the mixture weights ½
/// (eqs. 2 and 6), but its closed form (appendix A.2, eq. 12) drops them: √(2π)·L = Σ_i Σ_j ∫ e^{−(x−μ*_j)²/2} −
/// e^{−(x−μ̂_j)²/2} dx + √(2π), i.e. L_eq12 − 1 = 2(L − 1). Every gradient doubles, so the same step size moves
/// generator and discriminator twice as far. The argmax over discriminators, the TV distance and the success test are
/// the same under both forms.
/// </summary>
public enum GmmGanObjectiveForm
{
    /// <summary>The literal definition, L = E_{G_μ*}[D] + E_{G_μ̂}[1 − D] with the ½ mixture weights (a probability).</summary>
    Mixture,

    /// <summary>Eq. 12 as printed: 1 + 2(L − 1), every gradient ×2.</summary>
    Eq12,
}

/// <summary>The factor each form puts on L − 1 and on every gradient.</summary>
public static class GmmGanObjectiveFormExtensions
{
    /// <summary>1 for <see cref="GmmGanObjectiveForm.Mixture"/>, 2 for <see cref="GmmGanObjectiveForm.Eq12"/>.</summary>
    public static double Scale(this GmmGanObjectiveForm form) => form switch
    {
        GmmGanObjectiveForm.Mixture => 1.0,
        GmmGanObjectiveForm.Eq12 => 2.0,
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown GMM-GAN objective form."),
    };

    /// <summary>The names used on the command line and in JSON: mixture, eq12.</summary>
    public static string Name(this GmmGanObjectiveForm form) => form switch
    {
        GmmGanObjectiveForm.Mixture => "mixture",
        GmmGanObjectiveForm.Eq12 => "eq12",
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Unknown GMM-GAN objective form."),
    };
}
