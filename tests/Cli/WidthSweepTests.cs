using System.CommandLine;

namespace MlGan.Cli.Tests;

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

    [TestMethod]
    [DataRow("8,,16"), DataRow("0"), DataRow("64..8"), DataRow("4..64*1"), DataRow("")]
    public void TryParse_FailsWhereParseThrows_WithTheSameMessageOnOneLine(string spec)
    {
        var thrown = Assert.Throws<ArgumentException>(() => WidthSweep.Parse(spec, "--widths"));
        Assert.IsFalse(WidthSweep.TryParse(spec, "--widths", out var sweep, out string? error));
        Assert.IsNull(sweep);
        Assert.IsNotNull(error);
        Assert.DoesNotContain("\n", error);
        StringAssert.StartsWith(thrown.Message, error);
    }

    [TestMethod]
    public void TryParse_GivesTheSweepParseGives()
    {
        Assert.IsTrue(WidthSweep.TryParse("1..64", "--moons-widths", out var sweep, out string? error));
        Assert.IsNull(error);
        CollectionAssert.AreEqual(new[] { 1, 2, 4, 8, 16, 32, 64 }, sweep!.Widths.ToArray());
    }

    [TestMethod]
    public void Option_ParsesTheSpec_IsNullWhenLeftOut_AndReportsABadSpecAsAParseError()
    {
        var widths = WidthSweepOption.Create("--widths", "Widths.");
        var command = new RootCommand { widths };
        Assert.AreEqual("16,32,64", command.Parse(["--widths", "16..64"]).GetValue(widths)!.ToString());
        Assert.IsNull(command.Parse([]).GetValue(widths));
        var errors = command.Parse(["--widths", "8,8"]).Errors.Select(e => e.Message).ToArray();
        CollectionAssert.AreEqual(new[] { "The width sweep '8,8' lists width 8 twice." }, errors);
    }
}
