using MlGan.Trainers.Regularizers;

namespace MlGan.Trainers.Tests.Regularizers;

/// <summary>The CLI's name → regulariser factory.</summary>
[TestClass]
public sealed class CriticRegularizersTests
{
    [TestMethod]
    public void EveryNameBuildsTheStageOfThatNameWithItsCoefficient()
    {
        var expected = new (string Name, Type Type, Func<CriticRegularizer, double> Coefficient)[]
        {
            ("gp", typeof(GradientPenalty), r => ((GradientPenalty)r).Lambda),
            ("gp-one-sided", typeof(OneSidedGradientPenalty), r => ((OneSidedGradientPenalty)r).Lambda),
            ("r1", typeof(R1Penalty), r => ((R1Penalty)r).Gamma),
            ("r2", typeof(R2Penalty), r => ((R2Penalty)r).Gamma),
            ("dragan", typeof(DraganPenalty), r => ((DraganPenalty)r).Lambda),
            ("l2", typeof(L2Penalty), r => ((L2Penalty)r).Lambda),
            ("clip", typeof(WeightClipping), r => ((WeightClipping)r).Bound),
            ("bcr", typeof(BalancedConsistencyRegularization), r => ((BalancedConsistencyRegularization)r).RealWeight),
        };
        CollectionAssert.AreEqual(expected.Select(e => e.Name).ToArray(), CriticRegularizers.Names.ToArray());
        foreach (var (name, type, coefficient) in expected)
        {
            var stage = CriticRegularizers.Parse(name, 0.25);
            Assert.IsInstanceOfType(stage, type, name);
            Assert.AreEqual(name, stage.Name);
            Assert.AreEqual(0.25, coefficient(stage), name);
        }
        Assert.AreEqual(0.25, ((BalancedConsistencyRegularization)CriticRegularizers.Parse("bcr", 0.25)).FakeWeight);
    }

    [TestMethod]
    public void DescriptionsNameTheStageAndItsCoefficients()
    {
        // Checkpoints record the pipeline through these strings, so they must carry the coefficients, not just the name.
        var expected = new Dictionary<string, string>
        {
            ["gp"] = "gp(lambda=0.25)", ["gp-one-sided"] = "gp-one-sided(lambda=0.25)", ["r1"] = "r1(gamma=0.25)",
            ["r2"] = "r2(gamma=0.25)", ["dragan"] = "dragan(lambda=0.25, scale=0.5)", ["l2"] = "l2(lambda=0.25)",
            ["clip"] = "clip(bound=0.25)", ["bcr"] = "bcr(real=0.25, fake=0.25, noise=0.1)",
        };
        foreach (var name in CriticRegularizers.Names) Assert.AreEqual(expected[name], CriticRegularizers.Parse(name, 0.25).ToString());
        Assert.AreEqual("bcr(real=1, fake=0, augmentation=custom)", new BalancedConsistencyRegularization(1, 0, (x, _) => x).ToString());
    }

    [TestMethod]
    public void NamesAreCaseInsensitiveAndTrimmed() =>
        Assert.IsInstanceOfType<OneSidedGradientPenalty>(CriticRegularizers.Parse(" GP-One-Sided ", 10));

    [TestMethod]
    public void AnUnknownNameListsTheValidOnes()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => CriticRegularizers.Parse("sn", 1));
        Assert.AreEqual("name", error.ParamName);
        foreach (var name in CriticRegularizers.Names) StringAssert.Contains(error.Message, name);
    }

    [TestMethod]
    public void ABadValueIsRejectedByTheStage() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => CriticRegularizers.Parse("clip", -0.01));
}
