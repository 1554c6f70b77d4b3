using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlGan.Cli.Scoring;
using MlGan.Evaluation;
using MlGan.Trainers;
using MlGan.Trainers.Augmentation;
using MlGan.Trainers.Diagnostics;
using MlGan.Trainers.Networks;
using MlGan.Transforms.Data;
using MlGan.Transforms.Training;
using static TorchSharp.torch;

namespace MlGan.Cli.Commands;

/// <summary>
/// The options of <c>mlgan train</c> that image GAN work needs — class conditioning, spectral norm, DiffAugment, the
/// generator EMA, FID during training (best checkpoint kept, optional early stop) and TensorBoard — and their wiring
/// into <see cref="GanTrainerOptions"/>. The trainers stay independent of MlGan.Evaluation: FID is wired here.
/// </summary>
internal sealed class ImageTrainingOptions
{
    private readonly Option<bool> _conditional = new("--conditional") { Description = "Class-conditional GAN: label-embedding generator and a conditional critic; labels from --label-column." };
    private readonly Option<string> _labelColumn = new("--label-column") { Description = "Column of class indices for --conditional (key, Int32, UInt32, Int64 or integral Single).", DefaultValueFactory = _ => GanDataCatalog.LabelColumn };
    private readonly Option<string> _conditioning = new("--conditioning") { Description = "Conditional critic: projection (Miyato & Koyama 2018) | acgan (auxiliary classifier, Odena et al. 2017).", DefaultValueFactory = _ => "projection" };
    private readonly Option<bool> _spectralNorm = new("--spectral-norm") { Description = "Spectral normalisation on every critic layer." };
    private readonly Option<string?> _diffAugment = new("--diffaugment") { Description = "DiffAugment policies on every critic input, real and fake (images only): comma-separated " + string.Join(", ", DiffAugment.Names) + "." };
    private readonly Option<double> _ema = new("--ema") { Description = "Decay of the generator-weight EMA in [0, 1) (typical 0.999); the EMA weights are the returned and evaluated ones. 0: off." };
    private readonly Option<int> _fidEvery = new Option<int>("--fid-every") { Description = "Score FID every this many steps (and after the last), log it as column 'fid' and keep the best-FID checkpoint. 0: never." }.AtLeast(0);
    private readonly Option<int> _fidSamples = new Option<int>("--fid-samples") { Description = "Generated samples per FID evaluation.", DefaultValueFactory = _ => 5000 }.AtLeast(2);
    private readonly Option<string?> _fidFeatures = new("--fid-features") { Description = $"Feature net of FID during training: {FeatureNets.Syntax}." };
    private readonly Option<int> _patience = new Option<int>("--patience") { Description = "Stop after this many FID evaluations without improvement. 0: never." }.AtLeast(0);
    private readonly Option<string?> _tensorBoard = new("--tensorboard") { Description = "Write TensorBoard events (losses, gradient norms, FID; sample grids at each FID evaluation) into this directory." };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { _conditional, _labelColumn, _conditioning, _spectralNorm, _diffAugment, _ema, _fidEvery, _fidSamples, _fidFeatures, _patience, _tensorBoard })
            command.Options.Add(option);
    }

    /// <summary>
    /// Sets the parsed options on <paramref name="options"/> (after the data set ImageShape), checking them against
    /// <paramref name="input"/>; messages name the option. The result owns the TensorBoard writer.
    /// </summary>
    public TrainingExtras Apply(ParseResult parse, GanTrainerOptions options, IDataView input, string dataSpec, string outputDirectory, IProgress<TrainingStep> reporter)
    {
        if (parse.GetValue(_conditional))
        {
            string column = parse.GetValue(_labelColumn)!;
            if (input.Schema.GetColumnOrNull(column) is null)
                throw new ArgumentException($"--conditional needs a label column: --data {dataSpec} has no column '{column}' (columns: {string.Join(", ", input.Schema.Select(c => c.Name))}); name one with --label-column.", "--label-column");
            LabelColumn.Of(input.Schema, column, "--label-column"); // type check, with the option's name
            options.LabelColumnName = column;
            options.Conditioning = parse.GetValue(_conditioning)!.Trim().ToLowerInvariant() switch
            {
                "projection" => GanConditioning.Projection,
                "acgan" or "auxiliary-classifier" => GanConditioning.AuxiliaryClassifier,
                var other => throw new ArgumentException($"--conditioning '{other}': expected projection or acgan.", "--conditioning"),
            };
        }
        else if (parse.GetResult(_labelColumn) is { Implicit: false } || parse.GetResult(_conditioning) is { Implicit: false })
            throw new ArgumentException("--label-column and --conditioning apply to a class-conditional GAN: add --conditional.", "--conditional");
        options.SpectralNorm |= parse.GetValue(_spectralNorm);
        if (parse.GetValue(_diffAugment) is { } policies)
        {
            DiffAugment.RequireImages(options.ImageShape, "--diffaugment");
            try
            {
                options.DiffAugment = DiffAugment.Parse(policies);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"--diffaugment: {ex.Message}", "--diffaugment", ex);
            }
        }
        double ema = parse.GetValue(_ema);
        if (!(ema >= 0 && ema < 1)) throw new ArgumentException($"--ema must lie in [0, 1); got {ema.ToString(CultureInfo.InvariantCulture)}.", "--ema");
        options.EmaDecay = ema;

        TensorBoardLogger? board = parse.GetValue(_tensorBoard) is { } logDir ? new TensorBoardLogger(logDir) : null;
        int every = parse.GetValue(_fidEvery), patience = parse.GetValue(_patience);
        if (every == 0 && patience > 0) throw new ArgumentException("--patience counts FID evaluations: set --fid-every too.", "--patience");
        if (every > 0)
        {
            var reference = RealReference(input, dataSpec, options, parse.GetValue(_fidFeatures));
            int samples = parse.GetValue(_fidSamples), seed = options.Seed ?? 0;
            Console.WriteLine($"FID every {every} steps: {samples} samples vs {reference.Description} on {reference.Fid.ExtractorName}");
            options.Evaluation = new TrainingEvaluation
            {
                Name = "fid", Every = every, Patience = patience,
                Evaluate = snapshot =>
                {
                    double fid = reference.Fid.Score(snapshot.Generate(samples, seed));
                    if (board is not null) WriteGrid(board, snapshot, seed);
                    return fid;
                },
            };
        }
        return new TrainingExtras(board, board is null ? reporter : new BothProgress(reporter, board));
    }

    /// <summary>The real set FID compares with: Fashion-MNIST's test split for fashion-mnist, else the training data (≤ 10,000 rows).</summary>
    private static (FidReference Fid, string Description) RealReference(IDataView input, string dataSpec, GanTrainerOptions options, string? features)
    {
        float[][] real = dataSpec == "fashion-mnist"
            ? FashionMnist.Load(null, FashionMnistSplit.Test, PixelRange.MinusOneToOne).Images
            : input.GetColumn<float[]>(options.FeatureColumnName).Take(10_000).ToArray();
        if (real.Length < 2) throw new ArgumentException($"--fid-every needs at least 2 real rows; --data {dataSpec} has {real.Length}.", "--fid-every");
        var extractor = FeatureNets.Resolve(features, real[0].Length);
        string what = dataSpec == "fashion-mnist" ? $"the {real.Length} Fashion-MNIST test images" : $"{real.Length} training rows";
        return (FidReference.FromSamples(extractor, real), what);
    }

    /// <summary>Sample grid: one row per class (10 columns) for a conditional generator, else 8 × 8.</summary>
    private static void WriteGrid(TensorBoardLogger board, GeneratorSnapshot snapshot, int seed)
    {
        if (snapshot.SampleShape.Length != 3 || snapshot.SampleShape[0] is not (1 or 3)) return;
        int classes = snapshot.ClassCount, columns = classes > 0 ? 10 : 8, rows = classes > 0 ? classes : 8;
        var drawn = snapshot.Generate(rows * columns, seed + 1);
        // Generate cycles labels (sample i has class i % C): reorder class-major so row r is class r.
        var ordered = classes > 0
            ? Enumerable.Range(0, rows * columns).Select(k => drawn[k % columns * classes + k / columns]).ToArray()
            : drawn;
        using var scope = NewDisposeScope();
        var batch = tensor(ordered.SelectMany(r => r).ToArray(), [rows * columns, .. snapshot.SampleShape]);
        board.AddImageGrid("samples", batch, snapshot.Step, rows);
    }

    /// <summary>Feeds one logged step to the console reporter and the TensorBoard writer.</summary>
    private sealed class BothProgress(IProgress<TrainingStep> first, IProgress<TrainingStep> second) : IProgress<TrainingStep>
    {
        public void Report(TrainingStep value)
        {
            first.Report(value);
            second.Report(value);
        }
    }
}

/// <summary>What <see cref="ImageTrainingOptions.Apply"/> set up for the run: the progress sink and the TensorBoard writer it owns.</summary>
internal sealed class TrainingExtras(TensorBoardLogger? tensorBoard, IProgress<TrainingStep> progress) : IDisposable
{
    /// <summary>The sink for the trainer's logged steps.</summary>
    public IProgress<TrainingStep> Progress { get; } = progress;

    /// <summary>Ends the TensorBoard writer (every event is already on disk).</summary>
    public void Dispose() => tensorBoard?.Dispose();
}
