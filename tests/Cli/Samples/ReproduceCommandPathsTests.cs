using MlGan.Samples.Reproduce;

namespace MlGan.Cli.Tests.Samples;

/// <summary>The report's commands show --out as given: whole path components only, every occurrence, nothing else touched.</summary>
[TestClass]
public sealed class ReproduceCommandPathsTests
{
    private const string Abs = "/work/clone/docs/reproduction/full";

    [TestMethod]
    public void TheResolvedFolder_IsShownAsGiven_InEveryPlace()
    {
        string command = $"dotnet run -c Release --project samples/QuickStart -- --out {Abs}/rfwgan-fig4/paper-sgda --log {Abs}/x.csv --root {Abs}";
        Assert.AreEqual(
            "dotnet run -c Release --project samples/QuickStart -- --out docs/reproduction/full/rfwgan-fig4/paper-sgda --log docs/reproduction/full/x.csv --root docs/reproduction/full",
            CommandPaths.AsGiven(command, Abs, "docs/reproduction/full"));
    }

    [TestMethod]
    public void APathThatOnlyStartsWithTheFolderName_IsLeftAlone()
    {
        string command = $"--out {Abs}2/a --other {Abs}-old";
        Assert.AreEqual(command, CommandPaths.AsGiven(command, Abs, "docs/reproduction/full"));
    }

    [TestMethod]
    public void AnAbsoluteOut_OrATrailingSlash_ChangesNothingButTheSlash()
    {
        string command = $"--out {Abs}/a";
        Assert.AreEqual(command, CommandPaths.AsGiven(command, Abs, Abs));
        Assert.AreEqual(command, CommandPaths.AsGiven(command, Abs + "/", Abs + "/"));
        Assert.AreEqual("--out out/r/a", CommandPaths.AsGiven(command, Abs + "/", "out/r/"));
    }

    [TestMethod]
    public void AQuotedPath_AndADollarInTheGivenName_AreReplacedLiterally() =>
        Assert.AreEqual("--out \"my $1 dir/a\"", CommandPaths.AsGiven($"--out \"{Abs}/a\"", Abs, "my $1 dir"));
}
