using MlGan.Trainers.Experiments;

namespace MlGan.Trainers.Tests.Experiments;

[TestClass]
public sealed class WidthSweepTests
{
    [TestMethod]
    public void ListsAndRangesExpandAscending()
    {
        CollectionAssert.AreEqual(new[] { 8, 16, 32, 64, 128, 256, 512, 1024, 2048 }, WidthSweep.Parse("8..2048").Widths.ToArray());
        CollectionAssert.AreEqual(new[] { 4, 16, 64, 100 }, WidthSweep.Parse(" 100, 4..64*4 ").Widths.ToArray());
        CollectionAssert.AreEqual(new[] { 3, 6, 12 }, WidthSweep.Parse("3..20").Widths.ToArray());   // stops below the upper end
        CollectionAssert.AreEqual(new[] { 5 }, WidthSweep.Parse("5..5").Widths.ToArray());
        Assert.AreEqual("8,16,32", WidthSweep.Parse("32,8,16").ToString());
    }

    [TestMethod]
    [DataRow(""), DataRow("   "), DataRow(null)]
    public void EmptySpecIsRejected(string? spec)
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => WidthSweep.Parse(spec!, "--widths"));
        Assert.AreEqual("--widths", ex.ParamName);
        StringAssert.Contains(ex.Message, "empty");
    }

    [TestMethod]
    [DataRow("0"), DataRow("8,-4"), DataRow("0..64"), DataRow("8..99999999999"), DataRow("2000000")]
    public void NonPositiveOrHugeWidthsAreOutOfRange(string spec)
    {
        var ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WidthSweep.Parse(spec, "--widths"));
        Assert.AreEqual("--widths", ex.ParamName);
        StringAssert.Contains(ex.Message, "1..");
    }

    [TestMethod]
    [DataRow("8,,16", "empty entry"), DataRow("eight", "not an integer"), DataRow("8.5", "not an integer"),
     DataRow("64..8", "backwards"), DataRow("8,8", "twice"), DataRow("4..64*x", "not an integer")]
    public void MalformedSpecsNameTheProblem(string spec, string expected)
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() => WidthSweep.Parse(spec, "--widths"));
        Assert.AreEqual("--widths", ex.ParamName);
        StringAssert.Contains(ex.Message, expected);
    }

    [TestMethod]
    public void RangeFactorBelowTwoIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WidthSweep.Parse("4..64*1"));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => WidthSweep.Parse("4..64*0"));
    }
}
