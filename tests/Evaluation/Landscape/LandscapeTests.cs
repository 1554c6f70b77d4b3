using MlGan.Evaluation.Landscape;
using MlGan.Trainers.Discriminators;
using MlGan.Trainers.RandomFeature;
using MlGan.Transforms.Generators;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Evaluation.Tests.Landscape;

[TestClass]
public sealed class LandscapeTests
{
    [TestMethod]
    public void FilterNormalizedDirectionMatchesEachFiltersNorm()
    {
        var theta = tensor(new double[] { 0.5, -2.0, 0.0, 3.0 });
        var d = FilterNormalizedDirection.Create(theta, new torch.Generator(1)).data<double>().ToArray();
        var expected = new[] { 0.5, 2.0, 0.0, 3.0 };
        for (int i = 0; i < 4; i++) Assert.AreEqual(expected[i], Math.Abs(d[i]), 1e-9);
        var conv = randn(3, 2, 2, dtype: ScalarType.Float64, generator: new torch.Generator(2));
        var dc = FilterNormalizedDirection.Create(conv, new torch.Generator(3));
        for (int f = 0; f < 3; f++) Assert.AreEqual(conv[f].norm().ToDouble(), dc[f].norm().ToDouble(), 1e-9);
    }

    [TestMethod]
    public void LossSurfaceEvaluatesTheLossOnThePlane()
    {
        // J(θ) = ½‖θ‖² on the plane through (1, 0) spanned by e1 and e2: J(a, b) = ½((1 + a)² + b²).
        var surface = LossSurface.OnPlane(t => 0.5 * t.square().sum().ToDouble(), tensor(new[] { 1.0, 0.0 }),
            tensor(new[] { 1.0, 0.0 }), tensor(new[] { 0.0, 1.0 }), span: 2, resolution: 5);
        CollectionAssert.AreEqual(new[] { -2.0, -1.0, 0.0, 1.0, 2.0 }, surface.A);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 5; j++)
                Assert.AreEqual(0.5 * (Math.Pow(1 + surface.A[i], 2) + Math.Pow(surface.B[j], 2)), surface.Values[i, j], 1e-12);
        Assert.Throws<ArgumentException>(() => LossSurface.OnPlane(t => 0, zeros(2), zeros(3), zeros(2)));
    }

    [TestMethod]
    public void CensusSeparatesGlobalMinimaFromSpuriousStationaryPoints()
    {
        // r(θ) = θ² − 1 (1-D): J = ½(θ² − 1)² has global minima at ±1 and a spurious stationary point at θ = 0.
        (Tensor, Tensor) Residual(Tensor t) => ((t.square() - 1).reshape(1), (2 * t).reshape(1, 1));
        double Loss(Tensor t) => 0.5 * (t.square() - 1).square().sum().ToDouble();
        Tensor Grad(Tensor t) => 2 * t * (t.square() - 1);
        var starts = new[] { tensor(new[] { 0.3 }), tensor(new[] { -1.7 }), tensor(new[] { 0.0 }) };
        var settings = new CensusSettings(MaxSteps: 500, GlobalTolerance: 1e-14, GradientTolerance: 1e-10, InitialStep: 0.1);
        foreach (var runs in new[] { StationaryPointCensus.RunLeastSquares(Residual, starts, settings), StationaryPointCensus.Run(Loss, Grad, starts, settings) })
        {
            Assert.AreEqual(StationaryPointKind.Global, runs[0].Kind);
            Assert.AreEqual(1.0, runs[0].FinalPoint[0], 1e-6);
            Assert.AreEqual(StationaryPointKind.Global, runs[1].Kind);
            Assert.AreEqual(-1.0, runs[1].FinalPoint[0], 1e-6);
            Assert.AreEqual(StationaryPointKind.Spurious, runs[2].Kind);
            Assert.AreEqual(0.5, runs[2].FinalJ, 1e-12);
        }
    }

    [TestMethod]
    public void RandomFeatureJacobianMatchesFiniteDifferencesOfTheResidual()
    {
        var g = new RandomFeatureGenerator(1, 1, 5, Activation.Tanh, 2, 1, 0.5, seed: 1);
        var d = new RandomFeatureDiscriminator(1, 3, Activation.Tanh, 1.5, 0, seed: 2);
        g.to(ScalarType.Float64);
        d.to(ScalarType.Float64);
        using var j = new RandomFeatureJ(new RandomFeatureWganObjective(g, d),
            randn(200, 1, dtype: ScalarType.Float64, generator: new torch.Generator(3)),
            randn(300, 1, dtype: ScalarType.Float64, generator: new torch.Generator(4)));
        var theta = tensor(new[] { 0.1, -0.4, 0.7, 0.2, -0.3 });
        var (r, jac) = j.ResidualAndJacobian(theta);
        Assert.AreEqual(0.5 * r.square().sum().ToDouble(), j.Loss(theta), 1e-14);
        const double h = 1e-6;
        for (int i = 0; i < 5; i++)
        {
            var e = zeros(5, dtype: ScalarType.Float64); e[i] = h;
            var column = (j.ResidualAndJacobian(theta + e).Residual - j.ResidualAndJacobian(theta - e).Residual) / (2 * h);
            for (int k = 0; k < 3; k++) Assert.AreEqual(column[k].ToDouble(), jac[k, i].ToDouble(), 1e-7);
        }
        // ∇J = (∂r/∂θ)ᵀ r agrees with the objective's analytic gradient.
        var grad = j.Gradient(theta);
        var viaJacobian = jac.t().matmul(r);
        Assert.IsTrue((grad - viaJacobian).abs().max().ToDouble() < 1e-12);
    }
}
