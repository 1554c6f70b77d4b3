using MlGan.Trainers.GmmGan;

namespace MlGan.Trainers.Tests.GmmGan;

[TestClass]
public sealed class StandardNormalTests
{
    // scipy.special.erfc reference values.
    [TestMethod]
    [DataRow(-3.0, 1.9999779095030015)]
    [DataRow(-1.0, 1.8427007929497148)]
    [DataRow(-0.3, 1.3286267594591274)]
    [DataRow(0.0, 1.0)]
    [DataRow(0.2, 0.7772974107895215)]
    [DataRow(1.0, 0.15729920705028516)]
    [DataRow(1.9, 0.007209570764742531)]
    [DataRow(2.0, 0.004677734981047266)]
    [DataRow(2.5, 0.00040695201744495886)]
    [DataRow(4.0, 1.541725790028002e-08)]
    [DataRow(6.0, 2.1519736712498913e-17)]
    [DataRow(10.0, 2.0884875837625446e-45)]
    [DataRow(26.0, 5.663192408856145e-296)]
    public void ErfcMatchesScipyToRelative1e13(double x, double expected) =>
        Assert.AreEqual(expected, StandardNormal.Erfc(x), 1e-13 * expected);

    [TestMethod]
    public void MassMatchesQuadratureOfThePdf()
    {
        foreach (var (a, b) in new[] { (-1.3, 0.4), (0.5, 2.7), (-6.0, -2.0), (3.0, 9.0), (-0.1, 0.1) })
            Assert.AreEqual(Numerics.Simpson(StandardNormal.Pdf, a, b), StandardNormal.Mass(a, b), 1e-13, $"[{a}, {b}]");
        Assert.AreEqual(1.0, StandardNormal.Mass(double.NegativeInfinity, double.PositiveInfinity), 1e-15);
        Assert.AreEqual(0.0, StandardNormal.Mass(1.0, 1.0));
    }
}
