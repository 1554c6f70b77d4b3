using Spectre.Console;
using Spectre.Console.Rendering;

namespace MlGan.Cli.Scoring;

/// <summary>
/// A Spectre.Console progress bar with images/s and ETA around a long feature extraction; silent when standard
/// output is redirected (logs, pipes, CI) or the caller asks for quiet output (e.g. <c>--json</c>).
/// </summary>
internal static class ExtractionProgress
{
    /// <summary>Runs <paramref name="work"/> with a progress sink (null when silent) for <paramref name="total"/> samples.</summary>
    public static T Run<T>(string label, int total, bool quiet, Func<IProgress<long>?, T> work)
    {
        if (quiet || Console.IsOutputRedirected || total < 1) return work(null);
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(label), maxValue: total);
                return work(new Progress(task));
            });
    }

    private sealed class Progress(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }

    /// <summary>Samples per second, from Spectre's own moving speed estimate.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? $"{speed,7:F1} img/s" : "      - img/s");
    }
}
