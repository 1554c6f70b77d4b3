using MlGan.Trainers.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MlGan.Trainers.Tests.Losses;

[TestClass]
public sealed class RegularizedWassersteinTests
{
    private static readonly double[] MuReal = [0.8, -0.3, 1.5];
    private static readonly double[] MuFake = [0.2, 0.4, 1.0];

    [TestMethod]
    public void ObjectiveMatchesClosedForm()
    {
        double[] eta = [1.0, -2.0, 0.5];
        double gap = 0, sq = 0;
        for (int i = 0; i < 3; i++) { gap += eta[i] * (MuReal[i] - MuFake[i]); sq += eta[i] * eta[i]; }
        using var value = RegularizedWasserstein.Objective(torch.tensor(eta), torch.tensor(MuReal), torch.tensor(MuFake));
        Assert.AreEqual(gap - 0.5 * sq, value.item<double>(), 1e-12);
        using var d = RegularizedWasserstein.DiscriminatorLoss(torch.tensor(eta), torch.tensor(MuReal), torch.tensor(MuFake));
        Assert.AreEqual(-(gap - 0.5 * sq), d.item<double>(), 1e-12);
    }

    [TestMethod]
    public void OptimalEtaIsTheStationaryMaximumWithValueHalfGapSquared()
    {
        using var scope = torch.NewDisposeScope();
        var mr = torch.tensor(MuReal);
        var mf = torch.tensor(MuFake);
        var etaStar = RegularizedWasserstein.OptimalEta(mr, mf);
        double expectedJ = 0.5 * MuReal.Zip(MuFake, (a, b) => (a - b) * (a - b)).Sum();
        Assert.AreEqual(expectedJ, RegularizedWasserstein.OptimalValue(mr, mf).item<double>(), 1e-12);

        var eta = etaStar.clone().requires_grad_(true);
        var l = RegularizedWasserstein.Objective(eta, mr, mf);
        Assert.AreEqual(expectedJ, l.item<double>(), 1e-12);
        var g = torch.autograd.grad([l], [eta])[0];
        Assert.AreEqual(0.0, g.abs().max().item<double>(), 1e-12);

        // Concave: any perturbation lowers L by exactly ½‖δ‖².
        var delta = torch.tensor(new[] { 0.1, -0.2, 0.05 });
        double lower = RegularizedWasserstein.Objective(etaStar + delta, mr, mf).item<double>();
        Assert.AreEqual(expectedJ - 0.5 * (0.01 + 0.04 + 0.0025), lower, 1e-12);
    }

    [TestMethod]
    public void MismatchedFeatureCountsAreRejected()
    {
        using var a = torch.zeros(3, dtype: ScalarType.Float64);
        using var b = torch.zeros(2, dtype: ScalarType.Float64);
        Assert.AreEqual("fakeFeatureMean", Assert.ThrowsExactly<ArgumentException>(() => RegularizedWasserstein.OptimalEta(a, b)).ParamName);
        Assert.AreEqual("eta", Assert.ThrowsExactly<ArgumentException>(() => RegularizedWasserstein.Objective(b, a, a)).ParamName);
    }
}
