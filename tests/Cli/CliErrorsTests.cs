using System.CommandLine;

namespace MlGan.Cli.Tests;

/// <summary>Console is process-wide, so these run one at a time.</summary>
[TestClass]
[DoNotParallelize]
public sealed class CliErrorsTests
{
    /// <summary>A program with one option and one verb whose action does what the test asks.</summary>
    private static RootCommand Program(Func<int> action)
    {
        var steps = new Option<int>("--steps") { DefaultValueFactory = _ => 3 }.AtLeast(1);
        var verb = new Command("fit") { steps };
        verb.SetAction(_ => action());
        var root = new RootCommand("test program") { verb };
        root.SetAction(_ => action());
        return root;
    }

    private static (int Code, string Out, string Error) Invoke(Func<int> action, params string[] args) =>
        Capture(() => CliErrors.Invoke(Program(action), "prog", args));

    /// <summary>Runs <paramref name="run"/> with standard output and error captured.</summary>
    private static (int Code, string Out, string Error) Capture(Func<int> run)
    {
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return (run(), output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    private static void AssertOneLine(string expected, string error) => Assert.AreEqual(expected + Environment.NewLine, error);

    [TestMethod]
    public void ParseErrors_AreOneLineNamingTheVerb_AndExitTwo_WithoutRunning()
    {
        bool ran = false;
        int Action() { ran = true; return 0; }

        var (code, output, error) = Invoke(Action, "fit", "--steps", "0");
        Assert.AreEqual(2, code);
        AssertOneLine("prog fit: --steps must be ≥ 1; got 0.", error);
        Assert.AreEqual("", output, "no help page");

        (code, _, error) = Invoke(Action, "fit", "--steps", "abc");
        Assert.AreEqual(2, code);
        AssertOneLine("prog fit: Cannot parse argument 'abc' for option '--steps' as expected type 'System.Int32'.", error);

        (code, _, error) = Invoke(Action, "--bogus");
        Assert.AreEqual(2, code);
        AssertOneLine("prog: Unrecognized command or argument '--bogus'.", error);
        Assert.IsFalse(ran);
    }

    [TestMethod]
    public void SeveralParseErrors_ShareTheLine()
    {
        var (code, _, error) = Invoke(() => 0, "fit", "--steps", "0", "--what");
        Assert.AreEqual(2, code);
        // In the parser's order: unmatched tokens first, then the validators' errors.
        AssertOneLine("prog fit: Unrecognized command or argument '--what'.; --steps must be ≥ 1; got 0.", error);
    }

    [TestMethod]
    public void HelpIsShown_EvenBesideABadValue()
    {
        var (code, output, error) = Invoke(() => 7, "fit", "--steps", "0", "--help");
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "--steps");
        Assert.AreEqual("", error);
    }

    [TestMethod]
    public void TheActionsExitCodeComesBack()
    {
        Assert.AreEqual(7, Invoke(() => 7, "fit", "--steps", "4").Code);
        Assert.AreEqual(5, Invoke(() => 5).Code);
    }

    [TestMethod]
    public void ExpectedFailuresOfTheAction_AreOneLine_AndExitTwo()
    {
        var (code, _, error) = Invoke(() => throw new InvalidDataException("'x.csv' line 3:\nbad value."), "fit");
        Assert.AreEqual(2, code);
        AssertOneLine("prog fit: 'x.csv' line 3: bad value.", error);

        (code, _, error) = Invoke(() => throw new FileNotFoundException("'y.onnx' does not exist."));
        Assert.AreEqual(2, code);
        AssertOneLine("prog: 'y.onnx' does not exist.", error);
    }

    [TestMethod]
    public void BugsKeepTheirException()
    {
        Assert.ThrowsExactly<NullReferenceException>(() => Invoke(() => throw new NullReferenceException(), "fit"));
    }

    [TestMethod]
    public void Run_PrefixesTheVerbWithMlgan()
    {
        var (code, _, error) = Capture(() => CliErrors.Run("stats merge", () => throw new IOException("disk full")));
        Assert.AreEqual(2, code);
        AssertOneLine("mlgan stats merge: disk full", error);
        Assert.AreEqual(4, Capture(() => CliErrors.Run("stats merge", () => 4)).Code);
    }
}
