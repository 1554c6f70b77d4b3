using System.CommandLine;

namespace MlGan.Cli.Tests;

[TestClass]
public sealed class CommandLineValidationTests
{
    /// <summary>The parse errors of <paramref name="args"/> for a command holding only <paramref name="option"/>.</summary>
    private static string[] Errors(Option option, params string[] args) =>
        new RootCommand { option }.Parse(args).Errors.Select(e => e.Message).ToArray();

    [TestMethod]
    public void AtLeast_AcceptsTheMinimumAndAbove_AndNamesTheOptionBelow()
    {
        var steps = new Option<int>("--steps").AtLeast(1);
        Assert.IsEmpty(Errors(steps, "--steps", "1"));
        Assert.IsEmpty(Errors(steps, "--steps", "2147483647"));
        CollectionAssert.AreEqual(new[] { "--steps must be ≥ 1; got 0." }, Errors(steps, "--steps", "0"));
        CollectionAssert.AreEqual(new[] { "--steps must be ≥ 1; got -5." }, Errors(steps, "--steps", "-5"));
        var threads = new Option<int>("--threads").AtLeast(0);
        Assert.IsEmpty(Errors(threads, "--threads", "0"));
        CollectionAssert.AreEqual(new[] { "--threads must be ≥ 0; got -1." }, Errors(threads, "--threads", "-1"));
    }

    [TestMethod]
    public void AtLeast_OnAnOptionalOption_AllowsLeavingItOut()
    {
        var seeds = new Option<int?>("--seeds").AtLeast(1);
        Assert.IsEmpty(Errors(seeds));
        Assert.IsEmpty(Errors(seeds, "--seeds", "3"));
        CollectionAssert.AreEqual(new[] { "--seeds must be ≥ 1; got 0." }, Errors(seeds, "--seeds", "0"));
    }

    [TestMethod]
    public void AValueThatDoesNotConvert_GetsOnlyTheParsersMessage()
    {
        var errors = Errors(new Option<int>("--seed").AtLeast(1), "--seed", "abc");
        Assert.HasCount(1, errors);
        StringAssert.Contains(errors[0], "'abc'");
    }

    [TestMethod]
    [DataRow("0"), DataRow("-1e-3"), DataRow("NaN"), DataRow("Infinity"), DataRow("-Infinity")]
    public void Positive_RejectsZeroNegativesAndNonFiniteValues(string value)
    {
        var errors = Errors(new Option<double>("--lr").Positive(), "--lr", value);
        Assert.HasCount(1, errors);
        StringAssert.StartsWith(errors[0], "--lr must be a finite number > 0; got ");
    }

    [TestMethod]
    public void Positive_AcceptsSmallAndLargeFiniteValues()
    {
        var lr = new Option<double>("--lr").Positive();
        Assert.IsEmpty(Errors(lr, "--lr", "1e-300"));
        Assert.IsEmpty(Errors(lr, "--lr", "1e300"));
    }

    [TestMethod]
    public void Must_UsesTheGivenDescription_AndFormatsTheValueInvariantly()
    {
        var momentum = new Option<double>("--momentum").Must(v => v >= 0 && v < 1, "in [0, 1)");
        Assert.IsEmpty(Errors(momentum, "--momentum", "0"));
        Assert.IsEmpty(Errors(momentum, "--momentum", "0.999"));
        CollectionAssert.AreEqual(new[] { "--momentum must be in [0, 1); got 1.5." }, Errors(momentum, "--momentum", "1.5"));
    }

    [TestMethod]
    public void DefaultsAreValid_AndNotReported()
    {
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 400 }.AtLeast(1);
        var parse = new RootCommand { steps }.Parse([]);
        Assert.IsEmpty(parse.Errors);
        Assert.AreEqual(400, parse.GetValue(steps));
    }
}
