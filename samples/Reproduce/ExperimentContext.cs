namespace MlGan.Samples.Reproduce;

/// <summary>Where one experiment writes, how large it runs, and how it starts the samples.</summary>
internal sealed class ExperimentContext
{
    public ExperimentContext(string reportDirectory, string id, bool quick, SampleRunner samples, ImageSweepSettings? sweeps = null)
    {
        ReportDirectory = reportDirectory;
        RelativeDirectory = id;
        Directory = Path.Combine(reportDirectory, id);
        Quick = quick;
        Samples = samples;
        Sweeps = sweeps ?? ImageSweepSettings.Defaults;
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The folder report.md is written to.</summary>
    public string ReportDirectory { get; }

    /// <summary>This experiment's folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>This experiment's folder relative to the report (what report.md links to).</summary>
    public string RelativeDirectory { get; }

    /// <summary>--quick: the small settings that keep the whole run within 15 minutes on 2 cores.</summary>
    public bool Quick { get; }

    /// <summary>Overrides of the image width sweeps' widths and steps (--sweep-widths, --sweep-steps).</summary>
    public ImageSweepSettings Sweeps { get; }

    /// <summary>Starts the existing samples.</summary>
    public SampleRunner Samples { get; }

    /// <summary>The report-relative paths of those <paramref name="names"/> that exist in this experiment's folder.</summary>
    public IReadOnlyList<string> Figures(params string[] names) =>
        names.Where(n => File.Exists(Path.Combine(Directory, n))).Select(n => RelativeDirectory + "/" + n).ToArray();
}
