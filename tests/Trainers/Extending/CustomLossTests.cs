using Microsoft.ML;
using Microsoft.ML.Data;
using TorchSharp;
using MlGan.Trainers.Losses;
using MlGan.Transforms;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Extending;

/// <summary>docs/extending.md, recipe 1: a user's <see cref="GanLoss"/> trains end to end, passed as an instance or by its registered name.</summary>
[TestClass]
public sealed class CustomLossTests
{
    private static GanTrainerOptions Options(GanLoss loss) => new()
    {
        Loss = loss, Width = 32, HiddenLayers = 2, LatentDimension = 2, BatchSize = 64, Steps = 300, LogEvery = 50, Seed = 4,
        GeneratorOptimizer = new(Trainers.Dynamics.OptimizerKind.Adam, 1e-3), DiscriminatorOptimizer = new(Trainers.Dynamics.OptimizerKind.Adam, 1e-3),
    };

    [TestMethod]
    public void AUsersLossTrainsEndToEndAndIsTheOneUsed()
    {
        var loss = new SoftplusHingeGanLoss();
        using (var scope = NewDisposeScope())
        {
            // The closed form at f(x) = 0, f(y) = 0: D = 2·log(1 + e), G = 0.
            var zero = zeros(4);
            Assert.AreEqual(2 * Math.Log(1 + Math.E), loss.DiscriminatorLoss(zero, zero).ToDouble(), 1e-6);
        }
        var ml = new MLContext(1);
        var data = ml.Gan().Data.GaussianRing(count: 2000, seed: 1);
        var latents = ml.Gan().Data.Latent(2, 500, seed: 9).GetColumn<float[]>("Latent").ToArray();
        var untrained = Options(loss);
        untrained.Steps = 1;
        double before = MeanRadius(ml.Gan().Trainers.Gan(untrained).Fit(data), latents);
        using var generator = ml.Gan().Trainers.Gan(Options(loss)).Fit(data);
        double after = MeanRadius(generator, latents);
        var run = generator.GanTraining();
        Assert.AreSame(loss, run.Loss);
        Assert.AreEqual("softplus-hinge", generator.Metadata.LossFamily);
        // The ring has radius √2; the untrained generator sits near the origin.
        Assert.IsTrue(Math.Abs(after - Math.Sqrt(2)) < 0.5 * Math.Abs(before - Math.Sqrt(2)), $"mean radius {before:F3} → {after:F3} (ring √2)");

        // Another loss on the same seed gives another run: the options' instance is what trains.
        using var hinge = ml.Gan().Trainers.Gan(Options(GanLosses.ByName("hinge"))).Fit(data);
        CollectionAssert.AreNotEqual(run.Log.Column("d_loss").ToArray(), hinge.GanTraining().Log.Column("d_loss").ToArray());
    }

    [TestMethod]
    public void ARegisteredLossIsReachableByName()
    {
        GanLosses.Register(() => new SoftplusHingeGanLoss());
        CollectionAssert.Contains(GanLosses.Names.ToArray(), "softplus-hinge");
        Assert.IsInstanceOfType<SoftplusHingeGanLoss>(GanLosses.ByName("SOFTPLUS-HINGE"));
        GanLosses.Register(() => new SoftplusHingeGanLoss()); // the same type again: a no-op
        Assert.AreEqual(1, GanLosses.Names.Count(n => n == "softplus-hinge"));
        var clash = Assert.ThrowsExactly<ArgumentException>(() => GanLosses.Register(() => new NamedHinge()));
        StringAssert.Contains(clash.Message, "taken");
    }

    [TestMethod]
    public void BuiltInNamesMatchTheirLosses()
    {
        foreach (var name in GanLosses.Names) Assert.AreEqual(name, GanLosses.ByName(name).Name, ignoreCase: true);
    }

    private static double MeanRadius(GeneratorTransformer generator, float[][] latents)
    {
        using (generator) return generator.Generate(latents).Average(p => Math.Sqrt(p[0] * p[0] + p[1] * p[1]));
    }

    /// <summary>A second type claiming a built-in's name.</summary>
    private sealed class NamedHinge : GanLoss
    {
        public override string Name => "hinge";
        public override GanLossFamily Family => GanLossFamily.Separable;
        public override string Description => "a clash";
        protected override Tensor Discriminator(Tensor real, Tensor fake) => real.mean();
        protected override Tensor Generator(Tensor real, Tensor fake) => fake.mean();
    }
}
