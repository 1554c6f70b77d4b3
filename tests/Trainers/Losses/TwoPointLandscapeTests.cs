using MlGan.Trainers.Losses;

namespace MlGan.Trainers.Tests.Losses;

/// <summary>Sun et al. 2020, §3: the 2-point landscape φ(Y, X) from our loss code with a numerically optimised discriminator.</summary>
[TestClass]
public sealed class TwoPointLandscapeTests
{
    private static readonly double Ln2 = Math.Log(2), Ln3 = Math.Log(3);

    [TestMethod]
    [DataRow("js"), DataRow("js-ns")]
    public void JsReproducesClaim31(string name)
    {
        var loss = GanLosses.ByName(name);
        // The printed numbers of Claim 3.1 (to the paper's 4 decimals).
        Assert.AreEqual(-0.6931, TwoPointLandscape.Solve(loss, TwoPointState.S2).Value, 1e-3);
        Assert.AreEqual(-0.3467, TwoPointLandscape.Solve(loss, TwoPointState.S1b).Value, 1e-3);
        Assert.AreEqual(-0.4774, TwoPointLandscape.Solve(loss, TwoPointState.S1a).Value, 1e-3);
        Assert.AreEqual(0.0, TwoPointLandscape.Solve(loss, TwoPointState.S0).Value, 1e-3);
        // And the exact closed forms, far tighter.
        Assert.AreEqual(-Ln2, TwoPointLandscape.Solve(loss, TwoPointState.S2).Value, 1e-9);
        Assert.AreEqual(-Ln2 / 2, TwoPointLandscape.Solve(loss, TwoPointState.S1b).Value, 1e-9);
        Assert.AreEqual(0.25 * (2 * Ln2 - 3 * Ln3), TwoPointLandscape.Solve(loss, TwoPointState.S1a).Value, 1e-9);
        Assert.AreEqual(0.0, TwoPointLandscape.Solve(loss, TwoPointState.S0).Value, 1e-9);
    }

    [TestMethod]
    [DataRow("rs"), DataRow("rs-sat")]
    public void RsReproducesClaim32(string name)
    {
        var loss = GanLosses.ByName(name);
        Assert.AreEqual(-0.6931, TwoPointLandscape.Solve(loss, TwoPointState.S2).Value, 1e-3);
        Assert.AreEqual(-0.3466, TwoPointLandscape.Solve(loss, TwoPointState.S1b).Value, 1e-3);
        Assert.AreEqual(-0.3466, TwoPointLandscape.Solve(loss, TwoPointState.S1a).Value, 1e-3);
        Assert.AreEqual(0.0, TwoPointLandscape.Solve(loss, TwoPointState.S0).Value, 1e-3);
        foreach (var state in Enum.GetValues<TwoPointState>())
            Assert.AreEqual(TwoPointLandscape.PaperValue(name, state)!.Value, TwoPointLandscape.Solve(loss, state).Value, 1e-9, state.ToString());
    }

    [TestMethod]
    public void JsMinimumIsUniqueToPerfectRecoveryAndCollapseIsABadBasin()
    {
        var js = GanLosses.ByName("js");
        double s2 = TwoPointLandscape.Solve(js, TwoPointState.S2).Value;
        double s1a = TwoPointLandscape.Solve(js, TwoPointState.S1a).Value;
        double s1b = TwoPointLandscape.Solve(js, TwoPointState.S1b).Value;
        double s0 = TwoPointLandscape.Solve(js, TwoPointState.S0).Value;
        // Corollary 3.1: leaving s1a by moving one point (to s1b or s0) raises φ, so s1a is a strict local min.
        Assert.IsTrue(s2 < s1a && s1a < s1b && s1b < s0);
        // …while for RS s1a is no lower than its neighbour s1b: no basin.
        var rs = GanLosses.ByName("rs");
        Assert.AreEqual(TwoPointLandscape.Solve(rs, TwoPointState.S1b).Value, TwoPointLandscape.Solve(rs, TwoPointState.S1a).Value, 1e-9);
    }

    [TestMethod]
    public void JsOptimalDiscriminatorAtCollapseIsOneThirdAndOne()
    {
        // §5 / Fig. 6(c): D*(s1a) has {D(c1), D(c2)} = {1/3, 1}.
        var sol = TwoPointLandscape.Solve(GanLosses.ByName("js"), TwoPointState.S1a);
        Assert.AreEqual(1.0 / 3.0, 1 / (1 + Math.Exp(-sol.Logits[0])), 1e-9);
        Assert.IsTrue(1 / (1 + Math.Exp(-sol.Logits[1])) > 1 - 1e-9);
    }

    [TestMethod]
    public void JsValueIgnoresOrderButRsPairsInOrder()
    {
        var js = GanLosses.ByName("js");
        var rs = GanLosses.ByName("rs");
        double[] x = [0.0, 4.0];
        Assert.AreEqual(TwoPointLandscape.Solve(js, x, [0.0, 0.0]).Value, TwoPointLandscape.Solve(js, x, [4.0, 4.0]).Value, 1e-9);
        Assert.AreEqual(-Ln2 / 2, TwoPointLandscape.Solve(js, x, [2.0, 4.0]).Value, 1e-9);
        // RS, Eq. (4) pairs xᵢ with yᵢ: swapping a perfect recovery keeps −log 2 (a 2-cycle, 2h(0)/2) …
        Assert.AreEqual(-Ln2, TwoPointLandscape.Solve(rs, x, [4.0, 0.0]).Value, 1e-9);
        Assert.AreEqual(-Ln2 / 2, TwoPointLandscape.Solve(rs, x, [4.0, 4.0]).Value, 1e-9);
        // … but mode dropping with the hit data point paired to the OTHER data point is a chain, not a cycle:
        // f(x₁) > f(x₂) > f(y₂) drives both pairs to 0.
        Assert.AreEqual(0.0, TwoPointLandscape.Solve(rs, x, [4.0, 2.0]).Value, 1e-9);
    }

    [TestMethod]
    public void OtherBoundedLossesMatchTheorems1And2()
    {
        // Theorem 1 for n = 2: S2 = ½ sup_t[h1(t) + h2(−t)], S1a = ¼ ξ(2), S1b = ¼ ξ(1), S0 = 0.
        // LS: ξ(1) = −min (1−t)² + t² = −½, ξ(2) = −min (1−t)² + 2t² = −⅔.
        Expect("ls", s2: -0.25, s1b: -0.125, s1a: -1.0 / 6.0);
        // Hinge: ξ(1) = ξ(2) = −2 (t = −1), so collapse and dropping tie at −½ (Assumption 4.3 holds only weakly).
        Expect("hinge", s2: -1.0, s1b: -0.5, s1a: -0.5);
        // Theorem 2: S2 = h(0), a 1-cycle (S1a, S1b) = h(0)/2, trees 0; h(0) = −1 for both.
        Expect("rp-hinge", s2: -1.0, s1b: -0.5, s1a: -0.5);
        Expect("rp-ls", s2: -1.0, s1b: -0.5, s1a: -0.5);
    }

    private static void Expect(string name, double s2, double s1b, double s1a)
    {
        var loss = GanLosses.ByName(name);
        Assert.AreEqual(s2, TwoPointLandscape.Solve(loss, TwoPointState.S2).Value, 1e-9, name + " S2");
        Assert.AreEqual(s1b, TwoPointLandscape.Solve(loss, TwoPointState.S1b).Value, 1e-9, name + " S1b");
        Assert.AreEqual(s1a, TwoPointLandscape.Solve(loss, TwoPointState.S1a).Value, 1e-9, name + " S1a");
        Assert.AreEqual(0.0, TwoPointLandscape.Solve(loss, TwoPointState.S0).Value, 1e-9, name + " S0");
    }

    [TestMethod]
    [DataRow("js"), DataRow("js-ns"), DataRow("hinge"), DataRow("ls"), DataRow("rs"), DataRow("rs-sat"), DataRow("rp-hinge"), DataRow("rp-ls")]
    public void CollapseValueIsTheOptimalDLossAtS1a(string name)
    {
        var loss = GanLosses.ByName(name);
        Assert.AreEqual(loss.CollapseValue!.Value, TwoPointLandscape.Solve(loss, TwoPointState.S1a).DiscriminatorLoss, 1e-9);
    }

    [TestMethod]
    public void CollapseValuesMatchThePapersSection5Readings()
    {
        Assert.AreEqual(0.4774, GanLosses.ByName("js").CollapseValue!.Value, 1e-4);
        Assert.AreEqual(0.3466, GanLosses.ByName("rs").CollapseValue!.Value, 1e-4);
        Assert.IsNull(GanLosses.ByName("wgan").CollapseValue);
    }

    [TestMethod]
    public void UnboundedOrMismatchedInputsAreRejected()
    {
        Assert.AreEqual("loss", Assert.ThrowsExactly<ArgumentException>(
            () => TwoPointLandscape.Solve(GanLosses.ByName("wgan"), TwoPointState.S1a)).ParamName);
        Assert.AreEqual("fakePoints", Assert.ThrowsExactly<ArgumentException>(
            () => TwoPointLandscape.Solve(GanLosses.ByName("rs"), [0.0, 1.0], [0.0])).ParamName);
        Assert.ThrowsExactly<ArgumentException>(() => TwoPointLandscape.Configuration(TwoPointState.S2, 1.0, 1.0));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => TwoPointLandscape.Solve(GanLosses.ByName("js"), [double.NaN, 1.0], [0.0, 1.0]));
    }
}
