// One command for the five seed papers: runs every experiment (the existing samples as child processes, the GMM-GAN
// simulator in process) and writes DIR/report.md — per claim the paper's value or statement, MlGan's value from this
// run, a verdict with its reason, the command, the wall time and the figures.
//   dotnet run -c Release --project samples/Reproduce -- [--quick] --out DIR [--only id,id] [--sweep-widths LIST] [--sweep-steps N] [--resume]
using System.CommandLine;
using System.Diagnostics;
using MlGan.Cli;
using MlGan.Samples.Reproduce;

var experiments = ExperimentCatalog.All;
var quickOption = new Option<bool>("--quick") { Description = "Small settings: the whole run takes at most 15 minutes on 2 cores." };
var outOption = new Option<string>("--out") { Description = "Output directory (report.md and one folder per experiment).", Required = true };
var onlyOption = new Option<string?>("--only") { Description = $"Comma-separated experiment ids to run (default all): {string.Join(", ", experiments.Select(e => e.Id))}." }
    .Must(v => v is null || ExperimentCatalog.Select(experiments, v).Unknown.Count == 0, $"a comma-separated list of {string.Join(", ", experiments.Select(e => e.Id))}");
var sweepWidthsOption = new Option<string?>("--sweep-widths") { Description = "Widths k of the DCGAN / ResNet image sweeps instead of the mode's (full 8..128), e.g. 8..64 or 8,16,32." }
    .Must(v => v is null || WidthSweep.TryParse(v, "--sweep-widths", out _, out _), "a width list such as 8,16,32 or a range 8..64");
var sweepStepsOption = new Option<int?>("--sweep-steps") { Description = "Generator steps per k of the image sweeps instead of the mode's (full 5000)." }.AtLeast(1);
var resumeOption = new Option<bool>("--resume") { Description = "Reuse the experiments an earlier run of the same settings finished in --out (their outcome.json); run the rest." };
var command = new RootCommand("Runs every seed-paper experiment and writes a generated report (paper vs MlGan).") { quickOption, outOption, onlyOption, sweepWidthsOption, sweepStepsOption, resumeOption };
command.SetAction(parse => Run(parse.GetValue(quickOption), parse.GetValue(outOption)!, parse.GetValue(onlyOption),
    new ImageSweepSettings(parse.GetValue(sweepWidthsOption), parse.GetValue(sweepStepsOption)), parse.GetValue(resumeOption)));
return CliErrors.Invoke(command, "Reproduce", args);

int Run(bool quick, string outDir, string? only, ImageSweepSettings sweeps, bool resume)
{
    var started = DateTime.UtcNow;
    var clock = Stopwatch.StartNew();
    string dir = Path.GetFullPath(outDir);
    Directory.CreateDirectory(dir);
    var selected = only is null ? experiments : ExperimentCatalog.Select(experiments, only).Selected;
    var samples = new SampleRunner();
    var records = new List<ExperimentRecord>();
    var loads = new List<(string, double?, double?)>();
    string settings = ExperimentCheckpoint.Settings(quick, sweeps);
    string invocation = $"dotnet run -c Release --project samples/Reproduce --{(quick ? " --quick" : "")} --out {outDir}{(only is null ? "" : $" --only {only}")}{sweeps.Flags()}{(resume ? " --resume" : "")}";
    string report = Path.Combine(dir, "report.md");
    int reused = 0;
    foreach (var e in selected)
    {
        Console.WriteLine($"[{Durations.Clock(clock.Elapsed)}] {e.Id}: {e.Title}");
        string experimentDir = Path.Combine(dir, e.Id);
        string? skipped = null;
        if (resume && ExperimentCheckpoint.TryLoad(experimentDir, e.Id, settings, out skipped) is { } saved)
        {
            records.Add(saved.Record);
            loads.Add((e.Id, saved.LoadBefore, saved.LoadAfter));
            reused++;
            Console.WriteLine($"    reused from {ExperimentCheckpoint.PathIn(experimentDir)} ({Durations.Words(saved.Record.Seconds)} when it ran)");
            continue;
        }
        if (skipped is not null) Console.WriteLine($"    {skipped}");
        double? before = MachineLoad.OneMinute();
        var watch = Stopwatch.StartNew();
        ExperimentRecord record;
        try
        {
            var outcome = e.Run(new ExperimentContext(dir, e.Id, quick, samples, sweeps));
            record = new ExperimentRecord(e.Id, e.Title, e.Paper, watch.Elapsed.TotalSeconds, outcome, null);
            foreach (var c in outcome.Claims) Console.WriteLine($"    {(c.Verdict == Verdict.Reproduced ? "reproduced" : "DIFFERS   ")}  {c.Name}: {c.Ours}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or InvalidDataException or FormatException)
        {
            record = new ExperimentRecord(e.Id, e.Title, e.Paper, watch.Elapsed.TotalSeconds, null, ex.Message);
            Console.WriteLine($"    FAILED: {ex.Message}");
        }
        double? after = MachineLoad.OneMinute();
        records.Add(record);
        loads.Add((e.Id, before, after));
        ExperimentCheckpoint.Save(experimentDir, settings, record, before, after);
        // The report so far, after every experiment: a run killed hours in still leaves what it finished.
        ReportWriter.Write(report, outDir, invocation, quick, started, clock.Elapsed.TotalSeconds, records, loads, selected.Count, reused);
        Console.WriteLine($"    {Durations.Words(record.Seconds)}");
    }
    ReportWriter.Write(report, outDir, invocation, quick, started, clock.Elapsed.TotalSeconds, records, loads, selected.Count, reused);
    Console.WriteLine($"Wrote {report} ({Durations.Words(clock.Elapsed.TotalSeconds)})");
    return records.Any(r => r.Error is not null) ? 1 : 0;
}
