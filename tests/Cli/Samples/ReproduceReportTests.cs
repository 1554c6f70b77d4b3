using System.Text.RegularExpressions;
using MlGan.Cli.Tests.Deploy;

namespace MlGan.Cli.Tests.Samples;

/// <summary>samples/Reproduce on its two fastest experiments: the report it generates is well formed and links only files it wrote.</summary>
[TestClass]
public sealed class ReproduceReportTests
{
    [TestMethod]
    public void TwoFastExperiments_WriteAWellFormedReport_WhoseFiguresExist()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-reproduce-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = SampleProgram.Run("Reproduce", "--out", dir, "--only", "rs-2point,gmm-fig1");
            Assert.AreEqual(0, result.ExitCode, result.Describe());
            string report = File.ReadAllText(Path.Combine(dir, "report.md"));
            var lines = report.Split('\n');
            Assert.AreEqual("# MlGan reproduction report", lines[0]);
            StringAssert.Contains(report, "--only rs-2point,gmm-fig1");

            // The summary: one row per experiment run, its claim count matching its section's claims table.
            var summary = Regex.Matches(report, @"^\| \[(?<title>[^\]]+)\]\(#(?<id>[a-z0-9-]+)\) \| [^|]+ \| (?<ok>\d+) / (?<all>\d+) \|", RegexOptions.Multiline);
            CollectionAssert.AreEqual(new[] { "rs-2point", "gmm-fig1" }, summary.Select(m => m.Groups["id"].Value).ToArray());
            int totalOk = 0, total = 0;
            foreach (Match m in summary)
            {
                string id = m.Groups["id"].Value;
                int start = report.IndexOf($"<a id=\"{id}\"></a>", StringComparison.Ordinal);
                Assert.IsGreaterThanOrEqualTo(0, start, id);
                int end = report.IndexOf("<a id=", start + 1, StringComparison.Ordinal);
                string section = end < 0 ? report[start..] : report[start..end];
                var rows = section.Split('\n').Where(l => l.StartsWith("| ") && !l.StartsWith("| claim ")).ToArray();
                Assert.AreEqual(int.Parse(m.Groups["all"].Value), rows.Length, id);
                foreach (var row in rows)
                {
                    var cells = Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray();
                    Assert.AreEqual(5, cells.Length, row);
                    Assert.IsTrue(cells[2].Length > 0 && cells[4].Length > 0, row);
                    CollectionAssert.Contains(new[] { "reproduced", "**differs**" }, cells[3], row);
                }
                Assert.AreEqual(int.Parse(m.Groups["ok"].Value), rows.Count(r => r.Contains("| reproduced |")), id);
                StringAssert.Contains(section, "Wall time ");
                totalOk += int.Parse(m.Groups["ok"].Value);
                total += rows.Length;
            }
            StringAssert.Contains(report, $"**{totalOk} of {total} claims reproduced**");
            StringAssert.Contains(report, "dotnet run -c Release --project samples/Landscape2Point -- --out ");

            // Every figure the report shows is a file the run wrote.
            var figures = Regex.Matches(report, @"!\[[^\]]*\]\((?<path>[^)]+)\)").Select(m => m.Groups["path"].Value).ToArray();
            Assert.AreEqual(4, figures.Length, "the four Figure 1 panels");
            foreach (var f in figures) Assert.IsTrue(new FileInfo(Path.Combine(dir, f)).Length > 0, f);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void AnUnknownExperiment_IsOneLineAndExitTwo()
    {
        var result = SampleProgram.Run("Reproduce", "--out", Path.Combine(Path.GetTempPath(), "unused"), "--only", "gmm-fig9");
        Assert.AreEqual(CliErrors.UsageOrDataError, result.ExitCode, result.Describe());
        StringAssert.StartsWith(result.Stderr.TrimEnd(), "Reproduce: --only must be a comma-separated list of rfwgan-fig4,");
        StringAssert.EndsWith(result.Stderr.TrimEnd(), "; got gmm-fig9.");
        Assert.AreEqual(1, result.Stderr.TrimEnd().Split('\n').Length, result.Describe());
    }

    [TestMethod]
    public void BadSweepWidths_AreOneLineAndExitTwo()
    {
        var result = SampleProgram.Run("Reproduce", "--out", Path.Combine(Path.GetTempPath(), "unused"), "--sweep-widths", "64..8");
        Assert.AreEqual(CliErrors.UsageOrDataError, result.ExitCode, result.Describe());
        StringAssert.StartsWith(result.Stderr.TrimEnd(), "Reproduce: --sweep-widths must be a width list such as 8,16,32 or a range 8..64");
        Assert.AreEqual(1, result.Stderr.TrimEnd().Split('\n').Length, result.Describe());
    }

    [TestMethod]
    public void SweepBounds_AreInTheReportsCommandLine()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-reproduce-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = SampleProgram.Run("Reproduce", "--out", dir, "--only", "rs-2point", "--sweep-widths", "8,16", "--sweep-steps", "7");
            Assert.AreEqual(0, result.ExitCode, result.Describe());
            StringAssert.Contains(File.ReadAllText(Path.Combine(dir, "report.md")), "--only rs-2point --sweep-widths 8,16 --sweep-steps 7`");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void Resume_ReusesFinishedExperimentsOfTheSameSettings_AndRerunsOthers()
    {
        string dir = Path.Combine(Path.GetTempPath(), "mlgan-reproduce-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = SampleProgram.Run("Reproduce", "--out", dir, "--only", "rs-2point,gmm-fig1");
            Assert.AreEqual(0, first.ExitCode, first.Describe());
            Assert.IsTrue(File.Exists(Path.Combine(dir, "rs-2point", "outcome.json")), first.Describe());
            string firstReport = File.ReadAllText(Path.Combine(dir, "report.md"));

            // A killed run: one experiment's outcome lost, the other's kept.
            File.Delete(Path.Combine(dir, "gmm-fig1", "outcome.json"));
            var resumed = SampleProgram.Run("Reproduce", "--out", dir, "--only", "rs-2point,gmm-fig1", "--resume");
            Assert.AreEqual(0, resumed.ExitCode, resumed.Describe());
            Assert.AreEqual(1, Regex.Matches(resumed.Stdout, "reused from ").Count, resumed.Describe());
            StringAssert.Contains(resumed.Stdout, Path.Combine(dir, "rs-2point", "outcome.json"), resumed.Describe());
            string report = File.ReadAllText(Path.Combine(dir, "report.md"));
            StringAssert.Contains(report, "Resumed (`--resume`): 1 experiment(s)");
            StringAssert.Contains(report, "--only rs-2point,gmm-fig1 --resume`");
            // Same claims, same values: the reused experiment's rows are the saved ones.
            string Claims(string r) => string.Join('\n', r.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.Contains(" s |", StringComparison.Ordinal)));
            Assert.AreEqual(Claims(firstReport), Claims(report));

            // Other settings (quick mode) never reuse a full run's outcome.
            var quick = SampleProgram.Run("Reproduce", "--quick", "--out", dir, "--only", "rs-2point", "--resume");
            Assert.AreEqual(0, quick.ExitCode, quick.Describe());
            StringAssert.Contains(quick.Stdout, "was written by a 'full' run, this one is 'quick'", quick.Describe());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
