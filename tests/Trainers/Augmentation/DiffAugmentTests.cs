using MlGan.Trainers.Augmentation;
using TorchSharp;
using static TorchSharp.torch;
using static MlGan.Trainers.Tests.Augmentation.AugmentationChecks;

namespace MlGan.Trainers.Tests.Augmentation;

/// <summary>The composed augmentation: differentiable in x (against finite differences), seeded, per sample.</summary>
[TestClass]
public sealed class DiffAugmentTests
{
    private static readonly DiffAugment All = DiffAugment.Parse("translation,cutout,color");

    /// <summary>L(x) = Σ w ⊙ T(x)², T drawn from a stream seeded <paramref name="seed"/> (so every evaluation has the same T).</summary>
    private static Tensor Loss(DiffAugment augment, Tensor x, Tensor w, ulong seed)
    {
        var y = augment.Apply(x, new torch.Generator(seed));
        return (w * y * y).sum();
    }

    [TestMethod]
    [DataRow("translation,cutout,color", 3)]
    [DataRow("translation,cutout,color", 1)]
    [DataRow("translation", 2)]
    [DataRow("cutout", 2)]
    [DataRow("color", 3)]
    public void TheGradientInXMatchesCentralDifferences(string policies, int channels)
    {
        const ulong seed = 11;
        const double h = 1e-6;
        var augment = DiffAugment.Parse(policies);
        var x = Batch(2, channels, 8, 8, 3).requires_grad_();
        var w = Batch(2, channels, 8, 8, 4);
        var gradient = Values(autograd.grad([Loss(augment, x, w, seed)], [x])[0]);
        Assert.IsTrue(gradient.Any(g => Math.Abs(g) > 1e-3), "the gradient reaches x");

        var point = Values(x);
        var fd = new double[point.Length];
        using (no_grad())
            for (int k = 0; k < point.Length; k++)
            {
                using var scope = NewDisposeScope();
                var up = point.ToArray(); up[k] += h;
                var down = point.ToArray(); down[k] -= h;
                double lossUp = Loss(augment, tensor(up).view(x.shape), w, seed).ToDouble();
                double lossDown = Loss(augment, tensor(down).view(x.shape), w, seed).ToDouble();
                fd[k] = (lossUp - lossDown) / (2 * h);
            }
        for (int k = 0; k < point.Length; k++)
            Assert.AreEqual(fd[k], gradient[k], 1e-6 * (1 + Math.Abs(fd[k])), $"∂L/∂x[{k}]");
        // The cut square always overlaps the image; without color's means coupling the pixels, those get no gradient.
        if (policies == "cutout")
            Assert.IsTrue(gradient.Any(g => g == 0), "cut pixels get no gradient");
    }

    [TestMethod]
    public void TheSameSeedGivesTheSameOutputAndAnotherSeedAnother()
    {
        var x = Batch(6, 3, 16, 16, 1);
        var first = All.Apply(x, new torch.Generator(5));
        Assert.IsTrue(Same(first, All.Apply(x, new torch.Generator(5))), "same seed, same output");
        Assert.IsFalse(Same(first, All.Apply(x, new torch.Generator(6))), "another seed, another output");
        var stream = new torch.Generator(5);
        var a = All.Apply(x, stream);
        var b = All.Apply(x, stream);
        Assert.IsTrue(Same(a, first));
        Assert.IsFalse(Same(a, b), "the stream advances between calls");
    }

    [TestMethod]
    public void EachSampleGetsItsOwnDraw()
    {
        var one = Batch(1, 3, 16, 16, 2);
        var batch = one.expand(8, 3, 16, 16).contiguous();
        var y = All.Apply(batch, new torch.Generator(9));
        for (int n = 1; n < 8; n++)
            Assert.IsFalse(Same(y[n], y[0]), $"sample {n} is augmented differently from sample 0");
    }

    [TestMethod]
    public void ThePoliciesRunColorThenTranslationThenCutoutFromOneStream()
    {
        var x = Batch(4, 3, 16, 12, 8);
        var expected = x;
        var random = new torch.Generator(21);
        expected = ColorAugmentation.Apply(expected, ColorAugmentation.Draw(4, random));
        expected = TranslationAugmentation.Apply(expected, TranslationAugmentation.Draw(4, 16, 12, random));
        expected = CutoutAugmentation.Apply(expected, CutoutAugmentation.Draw(4, 16, 12, random));
        Assert.IsTrue(Same(expected, DiffAugment.Parse("cutout, color, translation").Apply(x, new torch.Generator(21))));
    }

    [TestMethod]
    public void ShapeAndDtypeAreKeptAndTheInputIsUntouched()
    {
        var x = Batch(3, 3, 8, 8, 1).to(ScalarType.Float32);
        var copy = x.clone();
        var y = All.Apply(x, new torch.Generator(1));
        CollectionAssert.AreEqual(x.shape, y.shape);
        Assert.AreEqual(ScalarType.Float32, y.dtype);
        Assert.IsTrue(Same(x, copy));
    }
}
