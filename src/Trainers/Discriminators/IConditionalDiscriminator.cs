using static TorchSharp.torch;

namespace MlGan.Trainers.Discriminators;

/// <summary>
/// A class-conditional critic D(x, y). The dynamics bind the batch's labels with <see cref="Condition"/> around a
/// critic or generator step; inside that scope the ordinary <c>forward(x)</c> is D(x, y), so every regulariser
/// (gradient penalties on interpolates, R1/R2, DRAGAN, bCR) sees the conditional critic unchanged — the fakes of a
/// step share the real batch's labels, so one label vector serves real, fake and interpolated inputs.
/// </summary>
public interface IConditionalDiscriminator
{
    /// <summary>C, the number of classes.</summary>
    int ClassCount { get; }

    /// <summary>Until the returned scope is disposed, forward(x) conditions on <paramref name="labels"/> (int64 [N]).</summary>
    IDisposable Condition(Tensor labels);

    /// <summary>Extra critic loss of the conditioning (ACGAN's classification of real and fake samples); null when none.</summary>
    Tensor? CriticAuxiliaryLoss(Tensor real, Tensor fake, Tensor labels);

    /// <summary>Extra generator loss of the conditioning (ACGAN: fakes classified as their labels); null when none.</summary>
    Tensor? GeneratorAuxiliaryLoss(Tensor fake, Tensor labels);
}
