using System.Globalization;
using System.Security.Cryptography;
using MlGan.Transforms.Data.Images;
using MlGan.Transforms.Onnx;

namespace MlGan.Evaluation.FeatureExtractors;

/// <summary>
/// Features (and optional class scores) from any ONNX network run by ONNX Runtime: an image input
/// [N, C, H, W], a feature output and an optional classifier output, all named in
/// <see cref="OnnxFeatureExtractorOptions"/>. Samples are replicated to the input's channels, resized and
/// normalised in C# (see the options), then run in batches. <see cref="FashionMnist()"/> gives MlGan's shipped
/// 28×28 feature net; an Inception-v3 export (input [N, 3, 299, 299], 2048-d pool output, logits) plugs in
/// with the right names, <c>Scale</c> and <c>Shift</c>.
/// </summary>
public sealed class OnnxFeatureExtractor : IFeatureExtractor, IDisposable
{
    /// <summary>Manifest name of the embedded models/fashion-mnist-features.onnx.</summary>
    public const string FashionMnistResource = "MlGan.Evaluation.fashion-mnist-features.onnx";

    private readonly OnnxSession _session;
    private readonly OnnxFeatureExtractorOptions _options;
    private readonly string _featuresName;
    private readonly string? _scoresName;

    /// <summary>Loads the model file; errors name the file.</summary>
    public OnnxFeatureExtractor(string path, OnnxFeatureExtractorOptions? options = null)
        : this(OnnxSession.ReadModelFile(path), options, path) { }

    /// <summary>Loads model bytes; <paramref name="source"/> names the model in error messages.</summary>
    public OnnxFeatureExtractor(byte[] model, OnnxFeatureExtractorOptions? options = null, string source = "<model>")
    {
        ArgumentNullException.ThrowIfNull(model);
        var given = options ?? new OnnxFeatureExtractorOptions();
        _options = given.Resolved();
        CheckOptions(_options);
        Name = source;
        Sha256 = Convert.ToHexString(SHA256.HashData(model)).ToLowerInvariant();
        Preprocessing = Describe(given.Preprocessing, _options);
        _session = new OnnxSession(model, source);
        try
        {
            (InputName, InputShape) = CheckInput(source);
            _featuresName = CheckOutput(_options.FeaturesOutputName ?? _session.Outputs[0].Name, nameof(OnnxFeatureExtractorOptions.FeaturesOutputName), source, exactRank: null);
            if (_options.ClassScoresOutputName is { } scores)
                _scoresName = CheckOutput(scores, nameof(OnnxFeatureExtractorOptions.ClassScoresOutputName), source, exactRank: 2);
            if (given.Preprocessing == FeaturePreprocessing.PytorchFid) CheckPytorchFidInput(source);
            long channels = InputShape[1];
            foreach (var (values, option) in new[] { (_options.Scale, nameof(_options.Scale)), (_options.Shift, nameof(_options.Shift)) })
                if (values is not null && values.Length != 1 && channels > 0 && values.Length != channels)
                    throw new ArgumentException($"options.{option} has {values.Length} values; give one per input channel ({channels}) or one for all.", nameof(options));
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>MlGan's Fashion-MNIST feature net (models/fashion-mnist-features.onnx, embedded): 784-pixel samples in [-1, 1] → 128-d features and 10 logits.</summary>
    public static OnnxFeatureExtractor FashionMnist() => FashionMnist(FashionMnistOptions());

    /// <summary>The shipped Fashion-MNIST net with other options (e.g. Scale 2, Shift −1 for images in [0, 1]).</summary>
    public static OnnxFeatureExtractor FashionMnist(OnnxFeatureExtractorOptions options)
    {
        using var stream = typeof(OnnxFeatureExtractor).Assembly.GetManifestResourceStream(FashionMnistResource)
            ?? throw new InvalidOperationException($"The embedded resource '{FashionMnistResource}' is missing from {typeof(OnnxFeatureExtractor).Assembly.GetName().Name}.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new OnnxFeatureExtractor(buffer.ToArray(), options, "fashion-mnist-features.onnx");
    }

    /// <summary>The input and output names of MlGan's feature nets (see models/README.md).</summary>
    public static OnnxFeatureExtractorOptions FashionMnistOptions() => new()
    {
        InputName = "image",
        FeaturesOutputName = "features",
        ClassScoresOutputName = "logits",
        ClassScoreKind = ClassScoreKind.Logits,
    };

    /// <summary>The model's name in messages and provenance: its path, or the name given with the bytes.</summary>
    public string Name { get; }

    /// <summary>SHA-256 (lower-case hex) of the model bytes: which net made a number, for provenance.</summary>
    public string? Sha256 { get; }

    /// <summary>The preprocessing as provenance records it: "pytorch-fid", "none", or the custom settings.</summary>
    public string Preprocessing { get; }

    /// <summary>(H, W) every sample is resized to before the net when the options resize to a fixed size; null otherwise.</summary>
    public (int Height, int Width)? FixedInputSize =>
        _options.Resize == ResizeMode.Bilinear && InputShape[2] > 0 && InputShape[3] > 0 ? ((int)InputShape[2], (int)InputShape[3])
        : _options.Resize == ResizeMode.Bilinear && _options.InputSize is { } size ? (size[0], size[1]) : null;

    /// <summary>Channels the net takes (its input's C); null when symbolic.</summary>
    public int? InputChannels => InputShape[1] > 0 ? (int)InputShape[1] : null;

    /// <summary>What the class-score output holds; None when no class-score output is configured.</summary>
    public ClassScoreKind ClassScores => _scoresName is null ? ClassScoreKind.None : _options.ClassScoreKind;
    /// <summary>The network input the images are fed to.</summary>
    public string InputName { get; }
    /// <summary>[N, C, H, W] as the model declares it; -1 where symbolic.</summary>
    public long[] InputShape { get; }

    /// <inheritdoc />
    public FeatureExtraction Extract(IReadOnlyList<float[]> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("At least one sample is needed.", nameof(samples));
        int length = (samples[0] ?? throw new ArgumentException("samples[0] is null.", nameof(samples))).Length;
        for (int i = 0; i < samples.Count; i++)
            if (samples[i] is not { } row || row.Length != length)
                throw new ArgumentException($"samples[{i}] has {samples[i]?.Length.ToString(CultureInfo.InvariantCulture) ?? "no"} values but samples[0] has {length}; rows must share one length.", nameof(samples));
        var plan = Plan(length);

        var features = new float[samples.Count][];
        float[][]? scores = _scoresName is null ? null : new float[samples.Count][];
        string[] outputs = _scoresName is null ? [_featuresName] : [_featuresName, _scoresName];
        int perInput = plan.C * plan.H * plan.W;
        var buffer = new float[Math.Min(_options.BatchSize, samples.Count) * perInput];
        for (int start = 0; start < samples.Count; start += _options.BatchSize)
        {
            int n = Math.Min(_options.BatchSize, samples.Count - start);
            for (int r = 0; r < n; r++) plan.Prepare(samples[start + r], buffer.AsSpan(r * perInput, perInput));
            var results = _session.Run(InputName, buffer.AsMemory(0, n * perInput), [n, plan.C, plan.H, plan.W], outputs);
            Scatter(results[0], features, start, n, _featuresName);
            if (scores is not null) Scatter(results[1], scores, start, n, _scoresName!);
        }
        return new FeatureExtraction(features, scores, ClassScores);
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();

    /// <summary>Copies an output [n, ...] into rows start..start+n, flattening each sample's trailing dimensions.</summary>
    private void Scatter(OnnxFloatTensor output, float[][] rows, int start, int n, string name)
    {
        if (output.Shape.Length < 2 || output.Shape[0] != n)
            throw new InvalidOperationException($"'{Name}': output '{name}' has shape [{string.Join(", ", output.Shape)}] for a batch of {n}; expected [{n}, ...].");
        output.Rows().CopyTo(rows, start);
    }

    /// <summary>Sample shape, network input shape and the preprocessing between them, fixed for one call.</summary>
    private SamplePlan Plan(int length)
    {
        int[] sample = _options.SampleShape ?? InferSampleShape(length);
        if (sample.Length != 3 || sample.Any(d => d < 1) || (long)sample[0] * sample[1] * sample[2] != length)
            throw new ArgumentException($"options.SampleShape [{string.Join(", ", sample)}] does not describe samples of {length} values as (C, H, W).", "samples");
        int c = InputShape[1] > 0 ? (int)InputShape[1] : sample[0];
        int h = InputShape[2] > 0 ? (int)InputShape[2] : _options.InputSize?[0] ?? sample[1];
        int w = InputShape[3] > 0 ? (int)InputShape[3] : _options.InputSize?[1] ?? sample[2];
        if (sample[0] != c && sample[0] != 1)
            throw new ArgumentException($"Samples have {sample[0]} channels but '{Name}' takes {c}; only 1 channel can be replicated to {c}.", "samples");
        BilinearResize? resize = null;
        if (sample[1] != h || sample[2] != w)
        {
            if (_options.Resize == ResizeMode.None)
                throw new ArgumentException($"Samples are {sample[1]}×{sample[2]} but '{Name}' takes {h}×{w} and options.Resize is None.", "samples");
            resize = new BilinearResize(sample[1], sample[2], h, w);
        }
        return new SamplePlan(sample[0], sample[1], sample[2], c, h, w, resize, _options.Scale, _options.Shift);
    }

    private int[] InferSampleShape(int length)
    {
        if (InputShape.Skip(1).All(d => d > 0) && InputShape[1] * InputShape[2] * InputShape[3] == length)
            return [(int)InputShape[1], (int)InputShape[2], (int)InputShape[3]];
        foreach (int c in new[] { 1, 3 })
        {
            int side = (int)Math.Round(Math.Sqrt(length / (double)c));
            if (length % c == 0 && side * side * c == length) return [c, side, side];
        }
        throw new ArgumentException($"Cannot tell the (C, H, W) of samples with {length} values; set options.SampleShape.", "samples");
    }

    private (string Name, long[] Shape) CheckInput(string source)
    {
        string names = string.Join(", ", _session.Inputs.Select(i => i.Name));
        OnnxValueDescription input;
        if (_options.InputName is { } wanted)
            input = _session.FindInput(wanted)
                ?? throw new ArgumentException($"'{source}' has no input '{wanted}'; its inputs are: {names}. Set options.InputName.", "options");
        else if (_session.Inputs.Count == 1) input = _session.Inputs[0];
        else throw new ArgumentException($"'{source}' has {_session.Inputs.Count} inputs ({names}); set options.InputName.", "options");
        if (!input.IsFloatTensor || input.Rank != 4)
            throw new InvalidDataException($"'{source}': input '{input.Name}' is {input}; a feature net takes float images [N, C, H, W] (rank 4).");
        return (input.Name, input.Dimensions.ToArray());
    }

    private string CheckOutput(string name, string option, string source, int? exactRank)
    {
        var output = _session.FindOutput(name)
            ?? throw new ArgumentException($"'{source}' has no output '{name}'; its outputs are: {string.Join(", ", _session.Outputs.Select(o => o.Name))}. Set options.{option}.", "options");
        bool rankOk = exactRank is { } r ? output.Rank == r : output.Rank >= 2;
        if (!output.IsFloatTensor || !rankOk)
            throw new InvalidDataException($"'{source}': output '{name}' is {output}; expected a float tensor " +
                (exactRank == 2 ? "[N, classes] (rank 2)." : "[N, d] or [N, d, 1, ...] (rank ≥ 2)."));
        return name;
    }

    private void CheckPytorchFidInput(string source)
    {
        const int side = FeaturePreprocessingNames.PytorchFidSide;
        static bool Fits(long dim, long want) => dim == want || dim < 0; // < 0: symbolic
        bool ok = Fits(InputShape[1], 3) && Fits(InputShape[2], side) && Fits(InputShape[3], side);
        if (!ok)
            throw new InvalidDataException($"'{source}': the pytorch-fid preset feeds [N, 3, {side}, {side}], but input '{InputName}' is [{string.Join(", ", InputShape.Select(d => d >= 0 ? d.ToString(CultureInfo.InvariantCulture) : "?"))}].");
    }

    private static string Describe(FeaturePreprocessing preset, OnnxFeatureExtractorOptions o)
    {
        if (preset == FeaturePreprocessing.PytorchFid) return FeaturePreprocessingNames.PytorchFid;
        // Resizing to the net's own fixed input is implied by the net (its SHA-256), so it needs no name.
        if (o.Scale is null && o.Shift is null && o.InputSize is null) return FeaturePreprocessingNames.None;
        static string List(float[]? v) => v is null ? "-" : string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        return string.Create(CultureInfo.InvariantCulture,
            $"custom(resize={o.Resize.ToString().ToLowerInvariant()};size={(o.InputSize is { } s ? $"{s[0]}x{s[1]}" : "input")};scale={List(o.Scale)};shift={List(o.Shift)})");
    }

    private static void CheckOptions(OnnxFeatureExtractorOptions o)
    {
        if (o.BatchSize < 1) throw new ArgumentOutOfRangeException("options", o.BatchSize, $"options.BatchSize must be ≥ 1; got {o.BatchSize}.");
        if (o.ClassScoresOutputName is not null && o.ClassScoreKind == ClassScoreKind.None)
            throw new ArgumentException("options.ClassScoreKind is None but options.ClassScoresOutputName is set; choose Logits or Probabilities.", "options");
        if (o.InputSize is { } size && (size.Length != 2 || size.Any(d => d < 1)))
            throw new ArgumentException($"options.InputSize must be (H, W) with both ≥ 1; got [{string.Join(", ", size)}].", "options");
        foreach (var (values, option) in new[] { (o.Scale, nameof(o.Scale)), (o.Shift, nameof(o.Shift)) })
            if (values is not null && (values.Length == 0 || values.Any(v => !float.IsFinite(v))))
                throw new ArgumentException($"options.{option} must hold finite values, one per input channel or one for all.", "options");
    }

    /// <summary>One sample's path to the network input: replicate channels, resize, normalise.</summary>
    private sealed record SamplePlan(int SampleC, int SampleH, int SampleW, int C, int H, int W,
        BilinearResize? Resize, float[]? Scale, float[]? Shift)
    {
        public void Prepare(float[] sample, Span<float> target)
        {
            int plane = H * W;
            if (Resize is null) sample.AsSpan(0, SampleC * plane).CopyTo(target);
            else Resize.Apply(sample, target, SampleC);
            for (int c = SampleC; c < C; c++) target[..plane].CopyTo(target.Slice(c * plane, plane)); // 1 → C replication
            if (Scale is null && Shift is null) return;
            for (int c = 0; c < C; c++)
            {
                float a = Scale is null ? 1f : Scale[Scale.Length == 1 ? 0 : c];
                float b = Shift is null ? 0f : Shift[Shift.Length == 1 ? 0 : c];
                var p = target.Slice(c * plane, plane);
                for (int i = 0; i < p.Length; i++) p[i] = p[i] * a + b;
            }
        }
    }
}
