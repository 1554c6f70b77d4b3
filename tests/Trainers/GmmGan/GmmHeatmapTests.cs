using MlGan.Trainers.GmmGan;

namespace MlGan.Trainers.Tests.GmmGan;

[TestClass]
public sealed class GmmHeatmapTests
{
    private static readonly GmmHeatmapOptions Small = new() { Grid = 4, Repeats = 3, Steps = 200 };

    private static string Csv(GmmHeatmapResult r)
    {
        using var w = new StringWriter();
        r.WriteCsv(w);
        return w.ToString();
    }

    [TestMethod]
    public void SameSeedGivesIdenticalOutputWhateverTheThreadCount()
    {
        string a = Csv(GmmHeatmap.Run(Small with { MaxDegreeOfParallelism = 1 }));
        string b = Csv(GmmHeatmap.Run(Small with { MaxDegreeOfParallelism = 2 }));
        Assert.AreEqual(a, b);
        string c = Csv(GmmHeatmap.Run(Small with { Seed = 2 }));
        Assert.AreNotEqual(a, c, "a different seed draws different discriminators");
        Assert.AreEqual(1 + 3 * 16, a.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [TestMethod]
    public void RatesAreFractionsOfRepeatsAndOptimalIsDeterministic()
    {
        var r = GmmHeatmap.Run(Small);
        foreach (var layer in r.Layers)
            foreach (var v in layer.SuccessRate)
                Assert.AreEqual(0.0, v * 3 - Math.Round(v * 3), 1e-12);
        foreach (var v in r[GmmDynamicsKind.Optimal].SuccessRate) Assert.IsTrue(v == 0 || v == 1);
        // The grid point μ̂(0) = μ* is exactly the truth: the optimal dynamics have F ≡ 0 there and stop at once.
        var exact = GmmHeatmap.Run(Small with { Grid = 5, Kinds = [GmmDynamicsKind.Optimal] });
        Assert.AreEqual(1.0, exact[GmmDynamicsKind.Optimal].SuccessRate[1, 3]);
        Assert.AreEqual(1.0, exact[GmmDynamicsKind.Optimal].EarlyStopRate[1, 3]);
        StringAssert.Contains(r.Summary(), "first_order");
    }

    [TestMethod]
    public void BadHeatmapOptionsAreRejected()
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmHeatmap.Run(Small with { Grid = 1 }));
        Assert.AreEqual("Grid", ex.ParamName);
        Assert.AreEqual("StepSize", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmHeatmap.Run(Small with { StepSize = 0 })).ParamName);
        Assert.AreEqual("StepSize", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmHeatmap.Run(Small with { StepSize = double.NaN })).ParamName);
        Assert.AreEqual("Steps", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmHeatmap.Run(Small with { Steps = -5 })).ParamName);
        Assert.AreEqual("Repeats", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => GmmHeatmap.Run(Small with { Repeats = 0 })).ParamName);
    }
}
