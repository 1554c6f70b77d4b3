using MlGan.Transforms.Native;
using MlGan.Transforms.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MlGan.Trainers.Diagnostics;

/// <summary>
/// Writes a training run to a TensorBoard event file through TorchSharp's own
/// <c>torch.utils.tensorboard.SummaryWriter</c>: every value of every logged step as a scalar, and image grids of
/// samples. Pass it as the trainer's progress sink; point <c>tensorboard --logdir</c> at <see cref="LogDirectory"/>.
/// </summary>
/// <remarks>
/// <para>
/// Tags: a value named like an evaluation metric (<see cref="DefaultEvaluationNames"/>, e.g. <c>fid</c>) goes to
/// <c>eval/NAME</c>, every other value to <c>train/NAME</c> (<c>train/d_loss</c>, <c>train/g_loss</c>,
/// <c>train/d_grad_norm</c>, <c>train/g_grad_norm</c>, <c>train/gp</c>, <c>train/seconds</c>, ...). Scalars are
/// stored as float32, TensorBoard's scalar type.
/// </para>
/// <para>
/// TorchSharp 0.107's writer has no flush or close: it appends and flushes each event to the file as it is written,
/// so the file is complete after every call and <see cref="Dispose"/> only ends the logger. Its wall times are whole
/// seconds (and its file-version record stamps DateTime ticks), which TensorBoard tolerates.
/// </para>
/// </remarks>
public sealed class TensorBoardLogger : IProgress<TrainingStep>, IDisposable
{
    /// <summary>The tag prefix of training-log values.</summary>
    public const string TrainPrefix = "train/";

    /// <summary>The tag prefix of evaluation metrics.</summary>
    public const string EvalPrefix = "eval/";

    /// <summary>Pixels of background (black) between and around the tiles of <see cref="AddImageGrid"/>.</summary>
    public const int GridPadding = 2;

    /// <summary>
    /// The value names written under <see cref="EvalPrefix"/> by default: MlGan's evaluation metrics' value names
    /// (fid, kid, kid_std, is, is_std, precision, recall, density, coverage, nnd, mode_count, hq, mode_kl).
    /// </summary>
    public static IReadOnlyCollection<string> DefaultEvaluationNames { get; } =
        ["fid", "kid", "kid_std", "is", "is_std", "precision", "recall", "density", "coverage", "nnd", "mode_count", "hq", "mode_kl"];

    private readonly SummaryWriter _writer;
    private readonly HashSet<string> _evaluationNames;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>A logger writing one new event file into <paramref name="logDirectory"/> (created if missing).</summary>
    /// <param name="logDirectory">The run's log directory.</param>
    /// <param name="evaluationNames">Value names tagged <c>eval/</c> instead of <c>train/</c>; default <see cref="DefaultEvaluationNames"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="logDirectory"/> is empty or whitespace.</exception>
    public TensorBoardLogger(string logDirectory, IEnumerable<string>? evaluationNames = null)
    {
        ArgumentNullException.ThrowIfNull(logDirectory);
        if (string.IsNullOrWhiteSpace(logDirectory))
            throw new ArgumentException("The TensorBoard log directory must be a path; got an empty string.", nameof(logDirectory));
        TorchNative.EnsureAvailable();
        LogDirectory = Path.GetFullPath(logDirectory);
        Directory.CreateDirectory(LogDirectory);
        _evaluationNames = new HashSet<string>(evaluationNames ?? DefaultEvaluationNames, StringComparer.OrdinalIgnoreCase);
        _writer = torch.utils.tensorboard.SummaryWriter(LogDirectory);
    }

    /// <summary>The directory the event file is written to (absolute).</summary>
    public string LogDirectory { get; }

    /// <summary>The tag a value named <paramref name="name"/> is written under: <c>eval/NAME</c> or <c>train/NAME</c>.</summary>
    /// <param name="name">A training-log value name, e.g. <c>d_loss</c> or <c>fid</c>.</param>
    /// <returns>The TensorBoard tag.</returns>
    public string TagOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (_evaluationNames.Contains(name) ? EvalPrefix : TrainPrefix) + name;
    }

    /// <summary>Writes every value of a logged step as a scalar at <see cref="TrainingStep.Step"/>, tagged by <see cref="TagOf"/>.</summary>
    /// <param name="value">The logged step.</param>
    /// <exception cref="ObjectDisposedException">The logger was disposed.</exception>
    public void Report(TrainingStep value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var (name, number) in value.Values)
                _writer.add_scalar(TagOf(name), (float)number, value.Step);
        }
    }

    /// <summary>Writes one scalar under an explicit tag (e.g. a metric computed outside the training log).</summary>
    /// <param name="tag">The TensorBoard tag, e.g. <c>eval/fid</c>.</param>
    /// <param name="value">The value (stored as float32).</param>
    /// <param name="step">The training step it belongs to.</param>
    /// <exception cref="ArgumentException"><paramref name="tag"/> is empty.</exception>
    /// <exception cref="ObjectDisposedException">The logger was disposed.</exception>
    public void AddScalar(string tag, double value, int step)
    {
        CheckTag(tag);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer.add_scalar(tag, (float)value, step);
        }
    }

    /// <summary>
    /// Tiles a batch of images into one grid, sample k at row ⌊k / columns⌋ and column k mod columns
    /// (columns = ⌈N / rows⌉, unused cells black), <see cref="GridPadding"/> black pixels between and around the
    /// tiles, and writes it as an RGB PNG image under <paramref name="tag"/>. A value v ∈ [−1, 1] becomes the 8-bit
    /// level round(127.5·(v + 1)), values outside are clamped; one channel is written as gray.
    /// </summary>
    /// <param name="tag">The TensorBoard tag, e.g. <c>samples</c>.</param>
    /// <param name="images">The batch [N, C, H, W], C = 1 or 3, values in [−1, 1]; not modified (any device or dtype).</param>
    /// <param name="step">The training step it belongs to.</param>
    /// <param name="rows">The grid's number of rows, 1 ≤ rows ≤ N.</param>
    /// <exception cref="ArgumentException">A bad tag or batch shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is outside [1, N].</exception>
    /// <exception cref="ObjectDisposedException">The logger was disposed.</exception>
    public void AddImageGrid(string tag, Tensor images, int step, int rows)
    {
        CheckTag(tag);
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] is not (1 or 3) || images.shape[0] < 1)
            throw new ArgumentException(
                $"images must be a batch [N, C, H, W] with N ≥ 1 and C = 1 or 3; got [{string.Join(", ", images.shape)}].", nameof(images));
        if (rows < 1 || rows > images.shape[0])
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must lie in [1, {images.shape[0]}] (the batch size); got {rows}.");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var scope = NewDisposeScope();
            _writer.add_img(tag, Grid(images, rows), step, dataformats: "HWC");
        }
    }

    /// <summary>Ends the logger: later writes throw. Every event written is already on disk.</summary>
    public void Dispose()
    {
        lock (_gate) _disposed = true;
    }

    /// <summary>[rows·(H + p) + p, columns·(W + p) + p, 3] bytes, contiguous (the writer reads it as HWC).</summary>
    private static Tensor Grid(Tensor images, int rows)
    {
        using var _ = no_grad();
        long count = images.shape[0], height = images.shape[2], width = images.shape[3];
        long columns = (count + rows - 1) / rows;
        var levels = ((images.detach().to(ScalarType.Float32, CPU) + 1) * 127.5).round().clamp(0, 255).expand(count, 3, height, width);
        // Padding each tile on top and left, then the whole grid on bottom and right, puts p pixels everywhere.
        var tiles = nn.functional.pad(levels, new long[] { GridPadding, 0, GridPadding, 0 });
        if (rows * columns > count)
            tiles = cat([tiles, zeros(rows * columns - count, 3, height + GridPadding, width + GridPadding)], 0);
        var grid = tiles.view(rows, columns, 3, height + GridPadding, width + GridPadding)
            .permute(0, 3, 1, 4, 2)
            .reshape(rows * (height + GridPadding), columns * (width + GridPadding), 3);
        return nn.functional.pad(grid, new long[] { 0, 0, 0, GridPadding, 0, GridPadding }).to(ScalarType.Byte).contiguous();
    }

    private static void CheckTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (string.IsNullOrWhiteSpace(tag)) throw new ArgumentException("A TensorBoard tag must be non-empty.", nameof(tag));
    }
}
